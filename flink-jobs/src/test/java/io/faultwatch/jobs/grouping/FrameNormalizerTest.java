package io.faultwatch.jobs.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.grouping.FrameNormalizer.FrameKey;
import io.faultwatch.model.ErrorEvent.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameNormalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lambda class jdk8         | com.acme.Svc$$Lambda$15/1234567                        | com.acme.Svc$$Lambda$
            lambda class jdk17        | com.acme.Svc$$Lambda$1421/0x0000000801a3c8e0           | com.acme.Svc$$Lambda$
            lambda class jdk21        | com.acme.Svc$$Lambda/0x000001f0010c6a00                | com.acme.Svc$$Lambda$
            lambda body               | lambda$applyCoupons$3                                  | lambda$applyCoupons$
            static lambda body        | lambda$static$0                                        | lambda$static$
            kotlin lambda             | process$lambda$0                                       | process$lambda$
            kotlin lambda dash        | process$lambda-12                                      | process$lambda$
            hidden class              | java.lang.invoke.LambdaForm$MH/0x0000000800c0c000      | java.lang.invoke.LambdaForm$MH
            cglib                     | com.acme.Ctl$$EnhancerByCGLIB$$1a2b3c4d                | com.acme.Ctl$$EnhancerByCGLIB$$<auto>
            spring cglib              | com.acme.Ctl$$EnhancerBySpringCGLIB$$3f2a9c1e          | com.acme.Ctl$$EnhancerBySpringCGLIB$$<auto>
            spring 6 cglib            | com.acme.Ctl$$SpringCGLIB$$0                           | com.acme.Ctl$$SpringCGLIB$$<auto>
            fast class                | com.acme.Ctl$$FastClassByCGLIB$$9f8e7d6c               | com.acme.Ctl$$FastClassByCGLIB$$<auto>
            javassist                 | com.acme.Order_$$_javassist_42                         | com.acme.Order_$$_javassist_<auto>
            javassist jvst            | com.acme.Order_$$_jvst3c1_2a                           | com.acme.Order_$$_jvst<auto>
            hibernate bytebuddy       | com.acme.Customer$HibernateProxy$Rz3kYb7Q              | com.acme.Customer$HibernateProxy$<auto>
            bytebuddy                 | com.acme.Repo$ByteBuddy$AbC123                         | com.acme.Repo$ByteBuddy$<auto>
            method accessor           | jdk.internal.reflect.GeneratedMethodAccessor87         | jdk.internal.reflect.GeneratedMethodAccessor
            constructor accessor      | sun.reflect.GeneratedConstructorAccessor12             | sun.reflect.GeneratedConstructorAccessor
            serialization accessor    | sun.reflect.GeneratedSerializationConstructorAccessor3 | sun.reflect.GeneratedSerializationConstructorAccessor
            jdk proxy                 | jdk.proxy2.$Proxy57                                    | jdk.proxy.$Proxy
            sun proxy                 | com.sun.proxy.$Proxy112                                | com.sun.proxy.$Proxy
            plain names stay          | com.acme.Main$AppException                             | com.acme.Main$AppException
            anonymous classes stay    | com.acme.Main$1                                        | com.acme.Main$1
            """)
    void normalizesGeneratedJavaNames(String kind, String name, String expected) {
        assertThat(FrameNormalizer.javaName(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            v8 question mark     | ?                                | <anonymous>
            anonymous            | <anonymous>                      | <anonymous>
            object anonymous     | Object.<anonymous>               | <anonymous>
            missing (firefox)    | null                             | <anonymous>
            async prefix         | async loadOrder                  | loadOrder
            method alias         | Layer.handle [as handle_request] | Layer.handle
            firefox nested       | handleClick/</<                  | handleClick
            named stays          | Cart.render                      | Cart.render
            """)
    void normalizesJavaScriptFunctions(String kind, String function, String expected) {
        assertThat(FrameNormalizer.function(Language.JAVASCRIPT, function)).isEqualTo(expected);
    }

    @Test
    void normalizesRubyBlockLevelsAndCompiledTemplates() {
        assertThat(FrameNormalizer.function(Language.RUBY, "block (2 levels) in process"))
                .isEqualTo("block in process");
        assertThat(FrameNormalizer.function(Language.RUBY, "_app_views_users_show_html_erb___1234567_70123"))
                .isEqualTo("_app_views_users_show_html_erb");
    }

    @Test
    void leavesOtherLanguagesFunctionsAlone() {
        assertThat(FrameNormalizer.function(Language.PYTHON, "<lambda>")).isEqualTo("<lambda>");
        assertThat(FrameNormalizer.function(Language.PHP, "{closure}")).isEqualTo("{closure}");
        assertThat(FrameNormalizer.function(Language.PYTHON, "?")).isEqualTo("?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            path                 | /srv/app/src/Routes.JS                                  | routes.js
            windows path         | C:\\app\\src\\Cart.php                                   | cart.php
            url query fragment   | https://shop.example.com/static/js/app.js?v=17#x         | app.js
            webpack content hash | https://shop.example.com/static/js/main.3f9a2c1b.js      | main.js
            chunk hash           | https://shop.example.com/static/js/8412.a1b2c3d4.chunk.js | 8412.chunk.js
            vite hash            | https://app.example.com/assets/checkout-Dq7mR2wL.js      | checkout.js
            version              | https://cdn.example.com/jquery-3.6.0.min.js              | jquery.min.js
            names with digits    | /app/user-service2.js                                    | user-service2.js
            """)
    void reducesFilesToAStableBasename(String kind, String filename, String expected) {
        assertThat(FrameNormalizer.fileBasename(frame(null, "f", filename, null))).isEqualTo(expected);
    }

    @Test
    void fallsBackToTheAbsolutePathForTheBasename() {
        Frame frame = new Frame(null, "f", null, "/app/shop/Views.py", 1, null, true, null);

        assertThat(FrameNormalizer.fileBasename(frame)).isEqualTo("views.py");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "  a  b  ", "\t\ta\n\r\nb\u000B\fc", "a\u00A0 b", "x\u2003\u2003y", "end\n"})
    void collapsesWhitespaceAsTheRegularExpressionDid(String text) {
        assertThat(FrameNormalizer.collapseWhitespace(text)).isEqualTo(text.replaceAll("\\s+", " "));
    }

    @Test
    void collapsesWhitespaceOfContextLinesAndDropsLongOnes() {
        assertThat(FrameNormalizer.contextLine("\t  const n  =\tJSON.parse(s);  ")).isEqualTo("const n = JSON.parse(s);");
        assertThat(FrameNormalizer.contextLine("x".repeat(FrameNormalizer.MAX_CONTEXT_LINE_CHARS)))
                .hasSize(FrameNormalizer.MAX_CONTEXT_LINE_CHARS);
        assertThat(FrameNormalizer.contextLine("x".repeat(FrameNormalizer.MAX_CONTEXT_LINE_CHARS + 1))).isEmpty();
        assertThat(FrameNormalizer.contextLine(null)).isEmpty();
    }

    @Test
    void javaContributesModuleAndFunctionOnly() {
        Frame frame = new Frame("com.acme.Svc$$Lambda$9/0x01", "accept", "Svc.java", null, 10, 3, true, "x();");

        assertThat(FrameNormalizer.key(Language.JAVA, frame)).isEqualTo(new FrameKey("com.acme.Svc$$Lambda$", "accept", ""));
    }

    @Test
    void sourceLanguagesContributeModuleOrFileFunctionAndContextLine() {
        Frame withModule = new Frame("src.services:orders", "?", "/srv/a/src/services/orders.js", null, 57, 31, true,
                "  const ownerId = order.customer.id;");
        Frame withoutModule = new Frame(null, "load", "/var/www/src/UserController.php", null, 12, null, true,
                "$user = $repo->find($id);");

        assertThat(FrameNormalizer.key(Language.JAVASCRIPT, withModule))
                .isEqualTo(new FrameKey("src.services:orders", "<anonymous>", "const ownerId = order.customer.id;"));
        for (Language language : new Language[] {Language.PYTHON, Language.PHP, Language.RUBY}) {
            assertThat(FrameNormalizer.key(language, withoutModule))
                    .isEqualTo(new FrameKey("usercontroller.php", "load", "$user = $repo->find($id);"));
        }
    }

    @Test
    void otherPlatformsContributeModuleOrFileAndFunction() {
        Frame frame = new Frame(null, "main.handler", "/go/src/app/Main.go", null, 7, null, true, "panic(err)");

        assertThat(FrameNormalizer.key(Language.OTHER, frame)).isEqualTo(new FrameKey("main.go", "main.handler", ""));
    }

    @Test
    void lineAndColumnNumbersNeverContribute() {
        Frame a = new Frame("app", "run", "app.mjs", null, 10, 4, true, "run();");
        Frame b = new Frame("app", "run", "app.mjs", null, 99, 17, true, "run();");

        assertThat(FrameNormalizer.key(Language.JAVASCRIPT, a)).isEqualTo(FrameNormalizer.key(Language.JAVASCRIPT, b));
    }

    @Test
    void mapsPlatformsToLanguages() {
        assertThat(Language.of("java")).isEqualTo(Language.JAVA);
        assertThat(Language.of("node")).isEqualTo(Language.JAVASCRIPT);
        assertThat(Language.of("javascript")).isEqualTo(Language.JAVASCRIPT);
        assertThat(Language.of("Python")).isEqualTo(Language.PYTHON);
        assertThat(Language.of("php")).isEqualTo(Language.PHP);
        assertThat(Language.of("ruby")).isEqualTo(Language.RUBY);
        assertThat(Language.of("other")).isEqualTo(Language.OTHER);
        assertThat(Language.of(null)).isEqualTo(Language.OTHER);
    }

    private static Frame frame(String module, String function, String filename, String contextLine) {
        return new Frame(module, function, filename, null, 1, 1, true, contextLine);
    }
}
