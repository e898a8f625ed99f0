package io.faultwatch.jobs;

import java.util.List;

/**
 * What one instance of the job collects of its records until it drains them, combined: fewer, larger
 * records then cross the shuffle, and the keyed operator behind it touches its RocksDB state once per
 * key and drain instead of once per record ({@code functions.Combine} holds one).
 *
 * @param <IN>  the records added
 * @param <OUT> the combined records drained
 */
public interface Combiner<IN, OUT> {

    void add(IN record);

    /** How much is held, in the unit of the operator's bound. */
    int size();

    /** Everything added since the last drain, combined; none held any more. */
    List<OUT> drain();

    /** The timestamp a combined record carries downstream. */
    long timestampOf(OUT combined);
}
