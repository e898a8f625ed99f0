package io.faultwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates error events shaped like those of the Java, Node and Python SDKs (compare the captures
 * in ../shared/sentry-wire-samples): an exception chain, innermost cause first, each with frames,
 * outermost caller first; breadcrumbs, contexts, tags, user, release, SDK info and, per platform,
 * what that SDK adds (Java: modules, thread ids; Node: colno and context lines; Python: the request,
 * frame vars, {@code breadcrumbs.values}). Each event comes from one of a fixed set of "error sites"
 * per platform, so the load groups into a realistic number of issues, while values, users, tags and
 * breadcrumbs vary per event. Envelopes are kept between {@link #MIN_BYTES} and {@link #MAX_BYTES}
 * decompressed. Deterministic for a seed.
 */
public final class SentryEventFactory {
    public static final int MIN_BYTES = 1024;
    public static final int MAX_BYTES = 5 * 1024;
    private static final int SITES_PER_PLATFORM = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Random random;
    private final String publicKey;
    private final Instant now;

    /** @param now the events happened within two seconds before this instant */
    public SentryEventFactory(long seed, String publicKey, Instant now) {
        this.random = new Random(seed);
        this.publicKey = publicKey;
        this.now = now;
    }

    public EnvelopeTemplate next(SdkProfile profile) {
        String eventId = EventIds.random(random);
        Instant at = now.minusMillis(random.nextInt(2000));
        Random site = new Random(profile.ordinal() * 7919L + random.nextInt(SITES_PER_PLATFORM));
        ObjectNode event = switch (profile) {
            case JAVA -> javaEvent(site, at);
            case NODE -> nodeEvent(site, at);
            case PYTHON -> pythonEvent(site, at);
        };
        event.put("event_id", eventId);
        ObjectNode header = envelopeHeader(profile, eventId, at, event);
        fitSize(profile, header, event, at);
        return EnvelopeTemplate.of(profile, header, event);
    }

    /** {@code count} envelopes whose SDK shapes follow the relative weights of {@code mix}. */
    public List<EnvelopeTemplate> mixed(int count, Map<SdkProfile, Integer> mix) {
        int total = mix.values().stream().mapToInt(Integer::intValue).sum();
        List<EnvelopeTemplate> templates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ticket = random.nextInt(total);
            for (Map.Entry<SdkProfile, Integer> weight : new EnumMap<>(mix).entrySet()) {
                ticket -= weight.getValue();
                if (ticket < 0) {
                    templates.add(next(weight.getKey()));
                    break;
                }
            }
        }
        return templates;
    }

    // ---- Java ----------------------------------------------------------------------------------

    private static final String[][] JAVA_ROOTS = {
        {"java.lang", "NumberFormatException", "For input string: \"%s\"", "java.lang.Integer:parseInt:Integer.java:668",
            "java.lang.NumberFormatException:forInputString:NumberFormatException.java:67"},
        {"java.sql", "SQLTransientConnectionException", "HikariPool-1 - Connection is not available, request timed out after %d ms.",
            "com.zaxxer.hikari.HikariDataSource:getConnection:HikariDataSource.java:100",
            "com.zaxxer.hikari.pool.HikariPool:getConnection:HikariPool.java:181"},
        {"java.net", "SocketTimeoutException", "Read timed out after %d ms", "okhttp3.internal.connection.RealCall:execute:RealCall.kt:154",
            "sun.nio.ch.NioSocketImpl:timedRead:NioSocketImpl.java:288"},
        {"java.lang", "NullPointerException", "Cannot invoke \"com.acme.shop.cart.Cart.items()\" because \"cart\" is null"},
        {"java.lang", "IllegalArgumentException", "quantity must be positive: %d", "com.google.common.base.Preconditions:checkArgument:Preconditions.java:218"},
    };
    private static final String[][] JAVA_WRAPPERS = {
        {"com.acme.shop.checkout", "CheckoutException", "checkout failed for order %d"},
        {"org.springframework.dao", "DataAccessResourceFailureException", "Unable to acquire JDBC Connection"},
        {"java.lang", "IllegalStateException", "service failed to handle request %s"},
        {"java.util.concurrent", "CompletionException", "java.lang.RuntimeException: downstream call failed"},
    };
    private static final String[] JAVA_FRAMEWORK = {
        "java.lang.Thread:run:Thread.java:840",
        "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker:run:ThreadPoolExecutor.java:659",
        "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor:doRun:NioEndpoint.java:1740",
        "org.apache.catalina.core.StandardWrapperValve:invoke:StandardWrapperValve.java:165",
        "org.apache.catalina.core.ApplicationFilterChain:doFilter:ApplicationFilterChain.java:138",
        "org.springframework.web.servlet.DispatcherServlet:doDispatch:DispatcherServlet.java:1089",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter:handleInternal:RequestMappingHandlerAdapter.java:884",
        "java.lang.reflect.Method:invoke:Method.java:569",
    };
    private static final String[] JAVA_CLASSES = {
        "com.acme.shop.checkout.CheckoutController", "com.acme.shop.checkout.CheckoutService",
        "com.acme.shop.checkout.PaymentClient", "com.acme.shop.cart.CartService", "com.acme.shop.cart.CartRepository",
        "com.acme.shop.inventory.StockService", "com.acme.shop.billing.InvoiceService", "com.acme.shop.user.AccountService",
    };
    private static final String[] METHODS = {
        "handle", "placeOrder", "validate", "charge", "reserve", "findById", "calculate", "load", "save", "apply", "refresh",
    };

    private ObjectNode javaEvent(Random site, Instant at) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("timestamp", ISO_MILLIS.format(at));
        ArrayNode stack = MAPPER.createArrayNode();
        for (String frame : JAVA_FRAMEWORK) {
            if (site.nextInt(10) < 6) {
                stack.add(javaFrame(frame, false));
            }
        }
        int appFrames = 2 + site.nextInt(5);
        for (int i = 0; i < appFrames; i++) {
            String cls = pick(site, JAVA_CLASSES);
            stack.add(javaFrame(cls + ":" + pick(site, METHODS) + ":" + simpleName(cls) + ".java:" + (20 + site.nextInt(380)), true));
        }
        exceptionChain(SdkProfile.JAVA, event, site, stack, JAVA_ROOTS, JAVA_WRAPPERS);
        event.putArray("fingerprint");
        event.putObject("modules").put("sentry", "8.62.0").put("spring-boot", "3.4.1");
        ObjectNode contexts = event.putObject("contexts");
        contexts.putObject("runtime").put("name", "Eclipse Adoptium").put("version", "17.0.13");
        contexts.putObject("os").put("name", "Linux").put("version", "6.1.0-28-amd64");
        traceContext(contexts.putObject("trace")).put("op", "http.server").put("origin", "auto.http.spring_jakarta.webmvc");
        event.set("sdk", javaSdk());
        event.set("tags", tags());
        event.put("release", "shop-backend@2.14." + random.nextInt(8));
        event.put("environment", environment());
        event.put("platform", "java");
        event.set("user", user());
        event.put("server_name", "shop-backend-" + random.nextInt(6));
        event.set("breadcrumbs", breadcrumbs(SdkProfile.JAVA, at, 2 + random.nextInt(8)));
        event.putObject("extra").put("cart_items", String.valueOf(random.nextInt(12)));
        return event;
    }

    private static ObjectNode javaFrame(String spec, boolean inApp) {
        String[] parts = spec.split(":");
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("filename", parts[2]);
        frame.put("function", parts[1]);
        frame.put("module", parts[0]);
        frame.put("lineno", Integer.parseInt(parts[3]));
        frame.put("native", false);
        if (inApp) {
            frame.put("in_app", true);
        }
        return frame;
    }

    private static ObjectNode javaSdk() {
        ObjectNode sdk = MAPPER.createObjectNode();
        sdk.put("name", "sentry.java.spring-boot.jakarta").put("version", "8.62.0");
        ArrayNode packages = sdk.putArray("packages");
        packages.addObject().put("name", "maven:io.sentry:sentry").put("version", "8.62.0");
        packages.addObject().put("name", "maven:io.sentry:sentry-spring-boot-jakarta").put("version", "8.62.0");
        sdk.putArray("integrations").add("UncaughtExceptionHandler").add("ShutdownHook").add("SpringBoot3");
        return sdk;
    }

    // ---- Node ----------------------------------------------------------------------------------

    private static final String[][] NODE_ROOTS = {
        {null, "TypeError", "Cannot read properties of undefined (reading '%s')"},
        {null, "SyntaxError", "Unexpected token 'o', \"%s\" is not valid JSON"},
        {null, "Error", "connect ECONNREFUSED 127.0.0.1:%d"},
        {null, "AxiosError", "Request failed with status code 503"},
        {null, "RangeError", "Invalid time value"},
    };
    private static final String[][] NODE_WRAPPERS = {
        {null, "Error", "failed to load cart %s"}, {null, "AppError", "request handling failed"},
        {null, "Error", "payment provider unavailable"},
    };
    private static final String[] NODE_FRAMEWORK = {
        "node:internal/process/task_queues:processTicksAndRejections:95:5",
        "/srv/app/node_modules/express/lib/router/index.js:next:280:10",
        "/srv/app/node_modules/express/lib/router/layer.js:Layer.handle [as handle_request]:95:5",
        "/srv/app/node_modules/express/lib/router/route.js:Route.dispatch:119:3",
    };
    private static final String[] NODE_FILES = {
        "/srv/app/src/routes/checkout.js", "/srv/app/src/services/cart.js", "/srv/app/src/services/payments.js",
        "/srv/app/src/db/orders.js", "/srv/app/src/lib/http.js",
    };

    private ObjectNode nodeEvent(Random site, Instant at) {
        ObjectNode event = MAPPER.createObjectNode();
        ArrayNode stack = MAPPER.createArrayNode();
        for (String frame : NODE_FRAMEWORK) {
            if (site.nextInt(10) < 7) {
                stack.add(nodeFrame(site, frame, false));
            }
        }
        int appFrames = 2 + site.nextInt(4);
        for (int i = 0; i < appFrames; i++) {
            String file = pick(site, NODE_FILES);
            String function = pick(site, METHODS);
            stack.add(nodeFrame(site, file + ":" + function + ":" + (5 + site.nextInt(300)) + ":" + (3 + site.nextInt(40)), true));
        }
        exceptionChain(SdkProfile.NODE, event, site, stack, NODE_ROOTS, NODE_WRAPPERS);
        event.put("level", "error");
        event.put("platform", "node");
        ObjectNode contexts = event.putObject("contexts");
        traceContext(contexts.putObject("trace"));
        contexts.putObject("runtime").put("name", "node").put("version", "v20.20.2");
        contexts.putObject("app").put("app_start_time", ISO_MILLIS.format(at.minusSeconds(3600)))
                .put("app_memory", 100_000_000 + random.nextInt(50_000_000));
        contexts.putObject("os").put("kernel_version", "6.1.0-28-amd64").put("name", "Debian").put("version", "12.8");
        contexts.putObject("device").put("arch", "x64").put("processor_count", 2).put("cpu_description", "AMD EPYC 7B13");
        contexts.putObject("culture").put("locale", "en-US").put("timezone", "UTC");
        event.put("server_name", "shop-web-" + random.nextInt(6));
        event.put("timestamp", at.toEpochMilli() / 1000.0);
        event.put("environment", environment());
        event.put("release", "shop-web@4.2." + random.nextInt(8));
        ObjectNode sdk = event.putObject("sdk");
        sdk.putArray("integrations").add("InboundFilters").add("FunctionToString").add("LinkedErrors").add("Console")
                .add("Http").add("OnUncaughtException").add("OnUnhandledRejection").add("ContextLines").add("Express");
        sdk.put("name", "sentry.javascript.node").put("version", "11.12.0");
        sdk.putArray("packages").addObject().put("name", "npm:@sentry/node").put("version", "11.12.0");
        event.set("tags", tags());
        event.set("user", user());
        event.set("breadcrumbs", breadcrumbs(SdkProfile.NODE, at, 2 + random.nextInt(8)));
        event.putObject("extra").put("cart_items", random.nextInt(12));
        event.putObject("modules").put("express", "^4.21.2").put("@sentry/node", "^11.12.0");
        return event;
    }

    private static ObjectNode nodeFrame(Random site, String spec, boolean inApp) {
        int split = spec.indexOf(':', spec.startsWith("node:") ? 5 : 0);
        String file = spec.substring(0, split);
        String[] rest = spec.substring(split + 1).split(":");
        String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.js$", "");
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("filename", file);
        frame.put("module", base);
        frame.put("function", rest[0]);
        frame.put("lineno", Integer.parseInt(rest[1]));
        frame.put("colno", Integer.parseInt(rest[2]));
        frame.put("in_app", inApp);
        if (inApp) {
            sourceContext(site, frame, "  const %s = await %s(%s);", 1 + site.nextInt(3));
        }
        return frame;
    }

    // ---- Python --------------------------------------------------------------------------------

    private static final String[][] PYTHON_ROOTS = {
        {null, "KeyError", "'%s'"},
        {"psycopg2", "OperationalError", "could not connect to server: Connection refused (port %d)"},
        {"requests.exceptions", "ConnectionError",
            "HTTPSConnectionPool(host='payments.example.com', port=443): Max retries exceeded with url: /v1/charges/%d"},
        {null, "ValueError", "invalid literal for int() with base 10: '%s'"},
        {null, "ZeroDivisionError", "division by zero"},
    };
    private static final String[][] PYTHON_WRAPPERS = {
        {"shop.errors", "CheckoutError", "checkout failed for order %d"},
        {"django.db.utils", "OperationalError", "connection to database lost"},
        {"shop.errors", "PaymentError", "charge %s was declined"},
    };
    private static final String[] PYTHON_FRAMEWORK = {
        "django/core/handlers/exception.py:django.core.handlers.exception:inner:55",
        "django/core/handlers/base.py:django.core.handlers.base:_get_response:197",
        "django/views/generic/base.py:django.views.generic.base:view:104",
        "rest_framework/views.py:rest_framework.views:dispatch:509",
    };
    private static final String[] PYTHON_MODULES = {
        "shop.views", "shop.services.checkout", "shop.services.payments", "shop.models", "shop.tasks",
    };

    private ObjectNode pythonEvent(Random site, Instant at) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("level", "error");
        ArrayNode stack = MAPPER.createArrayNode();
        for (String frame : PYTHON_FRAMEWORK) {
            if (site.nextInt(10) < 7) {
                String[] parts = frame.split(":");
                stack.add(pythonFrame(site, parts[0], parts[1], parts[2], Integer.parseInt(parts[3]), false));
            }
        }
        int appFrames = 2 + site.nextInt(4);
        for (int i = 0; i < appFrames; i++) {
            String module = pick(site, PYTHON_MODULES);
            stack.add(pythonFrame(site, module.replace('.', '/') + ".py", module, pick(site, METHODS) + "_" + pick(site, METHODS),
                    10 + site.nextInt(400), true));
        }
        exceptionChain(SdkProfile.PYTHON, event, site, stack, PYTHON_ROOTS, PYTHON_WRAPPERS);
        event.put("timestamp", ISO_MICROS.format(at));
        event.putObject("breadcrumbs").set("values", breadcrumbs(SdkProfile.PYTHON, at, 2 + random.nextInt(8)));
        ObjectNode contexts = event.putObject("contexts");
        traceContext(contexts.putObject("trace")).put("op", "http.server").put("origin", "auto.http.django");
        contexts.putObject("runtime").put("name", "CPython").put("version", "3.12.7")
                .put("build", "3.12.7 (main, Nov 12 2024, 02:15:37) [GCC 12.2.0]");
        event.putObject("modules").put("django", "5.1.3").put("sentry-sdk", "2.19.2").put("psycopg2-binary", "2.9.10");
        event.putObject("extra").putArray("sys.argv").add("/srv/app/.venv/bin/gunicorn").add("shop.wsgi");
        ObjectNode request = event.putObject("request");
        request.put("url", "https://shop.example.com/api/" + pick(random, new String[] {"checkout", "cart", "orders"}) + "/");
        request.put("query_string", "page=" + random.nextInt(9));
        request.put("method", random.nextBoolean() ? "POST" : "GET");
        request.putObject("env").put("SERVER_NAME", "shop-api").put("SERVER_PORT", "8000");
        ObjectNode headers = request.putObject("headers");
        headers.put("Host", "shop.example.com").put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                .put("Content-Type", "application/json");
        if (random.nextInt(4) == 0) {
            // send_default_pii=True apps send cookies; the gateway scrubs them.
            headers.put("Cookie", "sessionid=" + EventIds.random(random));
        }
        event.set("user", user());
        event.set("tags", tags());
        event.put("release", "shop-api@" + (1 + random.nextInt(3)) + ".0." + random.nextInt(20));
        event.put("environment", environment());
        event.put("server_name", "shop-api-" + random.nextInt(6));
        ObjectNode sdk = event.putObject("sdk");
        sdk.put("name", "sentry.python.django").put("version", "2.19.2");
        sdk.putArray("packages").addObject().put("name", "pypi:sentry-sdk").put("version", "2.19.2");
        sdk.putArray("integrations").add("argv").add("atexit").add("dedupe").add("django").add("excepthook")
                .add("logging").add("modules").add("stdlib").add("threading");
        event.put("platform", "python");
        return event;
    }

    private ObjectNode pythonFrame(Random site, String filename, String module, String function, int lineno, boolean inApp) {
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("filename", filename);
        frame.put("abs_path", (inApp ? "/srv/app/" : "/srv/app/.venv/lib/python3.12/site-packages/") + filename);
        frame.put("function", function);
        frame.put("module", module);
        frame.put("lineno", lineno);
        sourceContext(site, frame, "    %s = %s(%s)", inApp ? 1 + site.nextInt(3) : 1);
        if (inApp) {
            frame.putObject("vars").put("order_id", String.valueOf(site.nextInt(100_000)))
                    .put("request", "<WSGIRequest: POST '/api/checkout/'>").put("self", "<" + module + " object at 0x7f3a2c>");
        }
        frame.put("in_app", inApp);
        return frame;
    }

    // ---- shared pieces -------------------------------------------------------------------------

    private static final String[] WORDS = {
        "order", "cart", "items", "customer", "payment", "total", "session", "price", "stock", "invoice", "token", "response",
    };

    /** pre_context / context_line / post_context made of plausible source lines, fixed per site. */
    private static void sourceContext(Random site, ObjectNode frame, String lineFormat, int around) {
        ArrayNode pre = frame.putArray("pre_context");
        for (int i = 0; i < around; i++) {
            pre.add(sourceLine(site, lineFormat));
        }
        frame.put("context_line", sourceLine(site, lineFormat));
        ArrayNode post = frame.putArray("post_context");
        for (int i = 0; i < around; i++) {
            post.add(sourceLine(site, lineFormat));
        }
    }

    private static String sourceLine(Random site, String format) {
        return String.format(Locale.ROOT, format, pick(site, WORDS), pick(site, METHODS) + "_" + pick(site, WORDS), pick(site, WORDS));
    }

    /**
     * The exception chain of an error site in Sentry's order, innermost cause first: the root cause
     * has the whole stack (for Java plus its library frames), each wrapper one frame less, as a
     * rethrow from a caller would. Specs are {module or null, type, value format, library frames...}.
     */
    private void exceptionChain(SdkProfile profile, ObjectNode event, Random site, ArrayNode stack, String[][] roots,
                                String[][] wrappers) {
        String[] root = pick(site, roots);
        int depth = 1 + site.nextInt(3);
        ArrayNode values = event.putObject("exception").putArray("values");
        for (int k = depth - 1; k >= 0; k--) {
            String[] spec = k == depth - 1 ? root : pick(site, wrappers);
            ObjectNode exception = values.addObject();
            exception.put("type", spec[1]);
            exception.put("value", value(spec[2]));
            if (spec[0] != null) {
                exception.put("module", spec[0]);
            }
            if (profile == SdkProfile.JAVA) {
                exception.put("thread_id", 1 + random.nextInt(200));
            }
            ArrayNode frames = exception.putObject("stacktrace").putArray("frames");
            int keep = Math.max(1, stack.size() - (depth - 1 - k));
            for (int i = 0; i < keep; i++) {
                frames.add(stack.get(i).deepCopy());
            }
            for (int i = 3; k == depth - 1 && i < spec.length; i++) {
                frames.add(javaFrame(spec[i], false));
            }
            ObjectNode mechanism = exception.putObject("mechanism");
            mechanism.put("type", k > 0 ? "chained" : switch (profile) {
                case JAVA -> "chained";
                case NODE -> "generic";
                case PYTHON -> "django";
            });
            mechanism.put("exception_id", k);
            if (k > 0) {
                mechanism.put("parent_id", k - 1);
            }
            if (profile != SdkProfile.JAVA) {
                mechanism.put("handled", profile == SdkProfile.NODE);
                if (k > 0) {
                    mechanism.put("source", profile == SdkProfile.NODE ? "cause" : "__cause__");
                }
            }
        }
    }

    private ObjectNode traceContext(ObjectNode trace) {
        trace.put("trace_id", EventIds.random(random));
        trace.put("span_id", EventIds.random(random).substring(16));
        return trace;
    }

    private ObjectNode envelopeHeader(SdkProfile profile, String eventId, Instant at, ObjectNode event) {
        ObjectNode header = MAPPER.createObjectNode();
        header.put("event_id", eventId);
        if (profile == SdkProfile.JAVA) {
            header.set("sdk", event.get("sdk").deepCopy());
        } else {
            header.put("sent_at", ISO_MILLIS.format(at.plusMillis(5)));
        }
        if (profile == SdkProfile.NODE) {
            header.putObject("sdk").put("name", profile.sdkName()).put("version", profile.sdkVersion());
        }
        ObjectNode trace = header.putObject("trace");
        trace.put("trace_id", event.path("contexts").path("trace").path("trace_id").asText());
        trace.put("public_key", publicKey);
        trace.put("release", event.path("release").asText());
        trace.put("environment", event.path("environment").asText());
        trace.put("sample_rand", String.format(Locale.ROOT, "%.6f", random.nextDouble()));
        if (profile == SdkProfile.JAVA) {
            header.put("sent_at", ISO_MILLIS.format(at.plusMillis(5)));
        }
        return header;
    }

    private ObjectNode user() {
        int id = random.nextInt(50_000);
        ObjectNode user = MAPPER.createObjectNode();
        user.put("id", "user-" + id);
        user.put("email", "customer" + id + "@example.com");
        user.put("username", "customer" + id);
        user.put("ip_address", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        return user;
    }

    private ObjectNode tags() {
        ObjectNode tags = MAPPER.createObjectNode();
        tags.put("feature", pick(random, new String[] {"checkout", "cart", "search", "account"}));
        tags.put("tier", pick(random, new String[] {"free", "gold", "enterprise"}));
        tags.put("region", pick(random, new String[] {"eu-west-1", "us-east-1", "ap-south-1"}));
        if (random.nextBoolean()) {
            tags.put("http.status_code", String.valueOf(500 + random.nextInt(4)));
        }
        return tags;
    }

    private String environment() {
        return random.nextInt(10) < 8 ? "production" : "staging";
    }

    private ArrayNode breadcrumbs(SdkProfile profile, Instant at, int count) {
        ArrayNode crumbs = MAPPER.createArrayNode();
        for (int i = count; i > 0; i--) {
            crumbs.add(breadcrumb(profile, at.minusMillis(i * 137L)));
        }
        return crumbs;
    }

    private ObjectNode breadcrumb(SdkProfile profile, Instant at) {
        ObjectNode crumb = MAPPER.createObjectNode();
        switch (profile) {
            case NODE -> crumb.put("timestamp", at.toEpochMilli() / 1000.0);
            case JAVA -> crumb.put("timestamp", ISO_MILLIS.format(at));
            case PYTHON -> crumb.put("timestamp", ISO_MICROS.format(at)).put("type", "default");
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                crumb.put("category", "http").put("type", "http");
                crumb.putObject("data").put("method", "GET")
                        .put("url", "https://inventory.internal/api/stock/" + random.nextInt(10_000))
                        .put("status_code", random.nextInt(5) == 0 ? 503 : 200);
            }
            case 1 -> crumb.put("category", "query")
                    .put("message", "SELECT id, total, status FROM orders WHERE customer_id = $1 LIMIT " + (1 + random.nextInt(50)));
            case 2 -> {
                crumb.put("category", "navigation").put("message", "navigated to /cart/" + random.nextInt(1000));
                crumb.putObject("data").put("from", "/products").put("to", "/cart");
            }
            default -> crumb.put("category", "auth").put("message", "User logged in").put("level", "info")
                    .putObject("data").put("method", "password");
        }
        return crumb;
    }

    private String value(String format) {
        if (!format.contains("%")) {
            return format;
        }
        Object arg = format.contains("%d") ? (Object) (1000 + random.nextInt(90_000)) : pick(random, WORDS) + "-" + random.nextInt(100);
        return String.format(Locale.ROOT, format, arg);
    }

    /**
     * Spreads sizes over the whole range: picks a size between {@link #MIN_BYTES} and
     * {@link #MAX_BYTES}, drops the oldest breadcrumbs, then the outermost frames of the longest
     * stack, while the envelope is larger, and adds breadcrumbs while it is below the minimum.
     * Bounded: each step changes the size.
     */
    private void fitSize(SdkProfile profile, ObjectNode header, ObjectNode event, Instant at) {
        ArrayNode crumbs = (ArrayNode) (profile == SdkProfile.PYTHON ? event.get("breadcrumbs").get("values") : event.get("breadcrumbs"));
        int target = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES + 1);
        for (int step = 0; step < 1000; step++) {
            int size = EnvelopeTemplate.serialize(profile, header, event).length;
            if (size > target && !crumbs.isEmpty()) {
                crumbs.remove(0);
            } else if (size > target && dropOutermostFrame(event)) {
                continue;
            } else if (size > MAX_BYTES) {
                throw new IllegalStateException("cannot shrink a " + profile + " event below " + MAX_BYTES + " bytes");
            } else if (size < MIN_BYTES) {
                crumbs.add(breadcrumb(profile, at));
            } else {
                return;
            }
        }
        throw new IllegalStateException("event size did not settle between " + MIN_BYTES + " and " + MAX_BYTES);
    }

    private static boolean dropOutermostFrame(ObjectNode event) {
        ArrayNode longest = null;
        for (JsonNode exception : event.path("exception").path("values")) {
            ArrayNode frames = (ArrayNode) exception.path("stacktrace").path("frames");
            if (longest == null || frames.size() > longest.size()) {
                longest = frames;
            }
        }
        if (longest == null || longest.size() <= 1) {
            return false;
        }
        longest.remove(0);
        return true;
    }

    private static <T> T pick(Random random, T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
