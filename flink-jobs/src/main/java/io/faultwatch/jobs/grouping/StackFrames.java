package io.faultwatch.jobs.grouping;

import io.faultwatch.jobs.grouping.FrameNormalizer.FrameKey;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which frames of an exception chain contribute to its fingerprint, and in which order. */
public final class StackFrames {

    /**
     * Frames considered per exception, counted from the raising frame outwards. Frames further out
     * are the framework and thread entry points, which say how the code was reached, not where it
     * failed; without a cap, a deep stack lets them split one bug into issues.
     */
    static final int MAX_FRAMES = 50;

    private StackFrames() {}

    /**
     * The contributing frames of each exception of {@code chain}, in the chain's order, each list
     * outermost first like Sentry's frames. When any frame of the chain is in-app only in-app frames
     * count: library frames differ between library versions and hide the application's call site.
     * Otherwise all frames count, so that errors raised entirely in library code are not merged.
     */
    public static List<List<FrameKey>> contributing(List<ExceptionInfo> chain, Language language) {
        boolean anyInApp = chain.stream().flatMap(e -> e.frames().stream()).anyMatch(Frame::isInApp);
        List<List<FrameKey>> result = new ArrayList<>();
        for (ExceptionInfo exception : chain) {
            result.add(contributing(exception.frames(), language, anyInApp));
        }
        return result;
    }

    /**
     * Walks from the raising frame outwards and keeps a frame only the first time its key is seen:
     * a key seen again is a recursive call, direct or mutual, whose depth (and, for a stack
     * overflow, where the SDK cut the stack) varies between occurrences of the same bug.
     */
    private static List<FrameKey> contributing(List<Frame> frames, Language language, boolean inAppOnly) {
        List<FrameKey> kept = new ArrayList<>();
        Set<FrameKey> seen = new HashSet<>();
        for (int i = frames.size() - 1; i >= 0 && kept.size() < MAX_FRAMES; i--) {
            Frame frame = frames.get(i);
            if (inAppOnly && !frame.isInApp()) {
                continue;
            }
            FrameKey key = FrameNormalizer.key(language, frame);
            if (!key.isEmpty() && seen.add(key)) {
                kept.add(key);
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    /**
     * The frame an issue is blamed on: in the thrown exception (or the nearest cause with frames),
     * the raising in-app frame, or the raising frame when none is in-app; null without frames.
     */
    public static Frame culprit(List<ExceptionInfo> chain) {
        for (int e = chain.size() - 1; e >= 0; e--) {
            List<Frame> frames = chain.get(e).frames();
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (frames.get(i).isInApp()) {
                    return frames.get(i);
                }
            }
            if (!frames.isEmpty()) {
                return frames.get(frames.size() - 1);
            }
        }
        return null;
    }
}
