package io.faultwatch.jobs.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.grouping.FrameNormalizer.FrameKey;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackFramesTest {

    @Test
    void keepsOnlyInAppFramesWhenAnyFrameOfTheChainIsInApp() {
        ExceptionInfo cause = exception(frame("lib.Parser", "parse", false));
        ExceptionInfo thrown = exception(frame("java.lang.Thread", "run", false), frame("app.Service", "load", true));

        assertThat(StackFrames.contributing(List.of(cause, thrown), Language.JAVA))
                .containsExactly(List.of(), List.of(key("app.Service", "load")));
    }

    @Test
    void keepsAllFramesWhenNoneIsInApp() {
        ExceptionInfo thrown = exception(frame("java.lang.Thread", "run", null), frame("lib.Pool", "get", false));

        assertThat(StackFrames.contributing(List.of(thrown), Language.JAVA))
                .containsExactly(List.of(key("java.lang.Thread", "run"), key("lib.Pool", "get")));
    }

    @Test
    void collapsesDirectRecursionOfAnyDepth() {
        assertThat(contributing(recursion(List.of("walk"), 3)))
                .isEqualTo(contributing(recursion(List.of("walk"), 40)))
                .containsExactly(key("app.Job", "run"), key("app.Tree", "walk"));
    }

    @Test
    void collapsesMutualRecursionWhateverTheDepthAndWhereTheStackWasCut() {
        List<FrameKey> shallow = contributing(recursion(List.of("depth", "childDepth"), 4));
        // Raised in childDepth as well, after an odd number of calls that started with the other method.
        List<FrameKey> deepOtherPhase = contributing(recursion(List.of("childDepth", "depth"), 41));

        assertThat(shallow).isEqualTo(deepOtherPhase)
                .containsExactly(key("app.Job", "run"), key("app.Tree", "depth"), key("app.Tree", "childDepth"));
    }

    @Test
    void considersAtMostTheFramesNearestTheRaise() {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < StackFrames.MAX_FRAMES + 10; i++) {
            frames.add(frame("app.Layer" + i, "call", true));
        }
        List<FrameKey> keys = contributing(frames);

        assertThat(keys).hasSize(StackFrames.MAX_FRAMES);
        assertThat(keys.get(0)).isEqualTo(key("app.Layer10", "call"));
        assertThat(keys.get(keys.size() - 1)).isEqualTo(key("app.Layer" + (StackFrames.MAX_FRAMES + 9), "call"));
    }

    @Test
    void skipsFramesThatCarryNothing() {
        Frame empty = new Frame(null, null, null, null, 3, null, true, null);

        assertThat(contributing(List.of(empty, frame("app.A", "a", true)))).containsExactly(key("app.A", "a"));
    }

    @Test
    void blamesTheRaisingInAppFrameOfTheThrownException() {
        ExceptionInfo cause = exception(frame("app.Parser", "parse", true));
        ExceptionInfo thrown = exception(frame("app.Api", "get", true), frame("app.Service", "load", true),
                frame("java.util.Objects", "requireNonNull", false));

        assertThat(StackFrames.culprit(List.of(cause, thrown)).function()).isEqualTo("load");
    }

    @Test
    void blamesTheRaisingFrameWithoutInAppFramesAndTheNearestCauseWithoutFrames() {
        ExceptionInfo cause = exception(frame("lib.Socket", "connect", null), frame("lib.Socket", "read", null));
        ExceptionInfo thrown = exception();

        assertThat(StackFrames.culprit(List.of(cause, thrown)).function()).isEqualTo("read");
        assertThat(StackFrames.culprit(List.of(thrown))).isNull();
    }

    private static List<FrameKey> contributing(List<Frame> frames) {
        return StackFrames.contributing(List.of(exception(frames.toArray(Frame[]::new))), Language.JAVA).get(0);
    }

    /** app.Job.run calling the methods of {@code cycle} in turn, {@code calls} times; the last call raises. */
    private static List<Frame> recursion(List<String> cycle, int calls) {
        List<Frame> frames = new ArrayList<>(List.of(frame("java.lang.Thread", "run", false), frame("app.Job", "run", true)));
        for (int i = 0; i < calls; i++) {
            frames.add(new Frame("app.Tree", cycle.get(i % cycle.size()), "Tree.java", null, 10 + i, null, true, null));
        }
        return frames;
    }

    private static ExceptionInfo exception(Frame... frames) {
        return new ExceptionInfo("StackOverflowError", null, "java.lang", List.of(frames));
    }

    private static Frame frame(String module, String function, Boolean inApp) {
        return new Frame(module, function, null, null, 1, null, inApp, null);
    }

    private static FrameKey key(String module, String function) {
        return new FrameKey(module, function, "");
    }
}
