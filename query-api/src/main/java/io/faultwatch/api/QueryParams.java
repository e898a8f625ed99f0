package io.faultwatch.api;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/** The query parameters several routes share, read from the request with {@link RequestParams}' rules. */
final class QueryParams {

    private QueryParams() {
    }

    /** since, until and interval. */
    static TimeRange range(RoutingContext ctx, Clock clock, Duration defaultSpan) {
        return TimeRange.of(
                RequestParams.instant("since", ctx.queryParams().get("since")),
                RequestParams.instant("until", ctx.queryParams().get("until")),
                Interval.parse(ctx.queryParams().get("interval")),
                clock.instant(),
                defaultSpan);
    }

    /** environment, release and level; the issue is the caller's. */
    static MetricFilters filters(RoutingContext ctx) {
        return new MetricFilters(
                RequestParams.name("environment", ctx.queryParams().get("environment")),
                RequestParams.name("release", ctx.queryParams().get("release")),
                RequestParams.level(ctx.queryParams().get("level")),
                null);
    }
}
