package io.faultwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on machines without a Docker engine, so these checks keep it
 * consistent with what the scripts run: the same services, pinned images, topics, ports and
 * environment variable names.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Loaded with SnakeYAML because Jackson's YAML reader does not resolve merge keys ({@code <<}). */
    private static JsonNode compose() throws IOException {
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return new ObjectMapper().valueToTree(yaml);
    }

    @Test
    void composeNamesEveryService() throws IOException {
        Set<String> services = new TreeSet<>();
        compose().get("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder(
                "postgres", "clickhouse", "kafka", "kafka-init", "jobmanager", "taskmanager",
                "gateway", "query-api", "pipeline");
    }

    @Test
    void everyImageIsPinnedToAVersion() throws IOException {
        compose().get("services").fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            assertThat(image).as("image of %s", service.getKey()).matches("[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*");
        });
    }

    @Test
    void publishedPortsAreLoopbackAndMatchTheScriptDefaults() throws IOException {
        JsonNode services = compose().get("services");
        ServiceAddresses defaults = ServiceAddresses.fromEnv(Map.of());
        assertThat(published(services, "postgres")).containsExactly("127.0.0.1:" + defaults.postgresPort() + ":5432");
        assertThat(published(services, "clickhouse")).containsExactly("127.0.0.1:8123:8123");
        assertThat(defaults.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(published(services, "kafka")).containsExactly("127.0.0.1:9092:29092");
        assertThat(defaults.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(published(services, "gateway")).containsExactly("127.0.0.1:8300:8300");
        assertThat(published(services, "query-api")).containsExactly("127.0.0.1:8400:8400");
        services.fields().forEachRemaining(service -> published(services, service.getKey())
                .forEach(port -> assertThat(port).as("port of %s", service.getKey()).startsWith("127.0.0.1:")));
    }

    @Test
    void appsReadTheSameEnvironmentVariablesAsTheScripts() throws IOException {
        String lib = Files.readString(ROOT.resolve("scripts/lib.sh"));
        JsonNode services = compose().get("services");
        for (String app : List.of("gateway", "query-api", "pipeline")) {
            services.get(app).get("environment").fieldNames().forEachRemaining(name -> {
                assertThat(name).as("%s variable", app).startsWith("FW_");
            });
        }
        for (String name : List.of("FW_KAFKA_BOOTSTRAP", "FW_PG_PORT", "FW_PG_DATABASE", "FW_PG_USER",
                "FW_PG_PASSWORD", "FW_CLICKHOUSE_URL", "FW_GATEWAY_PORT", "FW_API_PORT", "FW_FLINK_REST_PORT",
                "FW_FLINK_RPC_PORT")) {
            assertThat(lib).as("scripts/lib.sh defines %s", name).contains("export " + name + "=");
        }
    }

    @Test
    void theTopicListIsTheOneTheCodeUses() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("scripts/kafka/topics.txt"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                names.add(trimmed.split("\\s+")[0]);
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(compose().get("services").get("kafka-init").toString()).contains("topics.txt");
    }

    /** The local cluster runs the Flink the job is built against, so a jar built here runs there. */
    @Test
    void theLocalFlinkClusterHasTheFlinkVersionOfTheBuild() throws IOException {
        assertThat(flinkVersion(ROOT.resolve("scripts/flink/pom.xml")))
                .isEqualTo(flinkVersion(ROOT.resolve("pom.xml")))
                .isNotEmpty();
    }

    @Test
    void everyCommandIsInTheUsageAndTheReadme() throws IOException {
        String entryPoint = Files.readString(ROOT.resolve("faultwatch"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher dispatch = Pattern.compile("\\n\\s+([a-z|]+)\\) exec").matcher(entryPoint);
        List<String> commands = new ArrayList<>();
        while (dispatch.find()) {
            commands.addAll(List.of(dispatch.group(1).split("\\|")));
        }
        assertThat(commands).contains("services", "cluster", "deploy", "upgrade", "test", "demo");
        for (String command : commands) {
            assertThat(entryPoint).as("usage text of ./faultwatch").containsPattern("\\n  [^\\n]*\\b" + command + "\\b");
            assertThat(readme).as("README.md").contains("./faultwatch " + command);
        }
    }

    @Test
    void composeRunsTheGatewayAndTheJobWithTheirJvmOptions() throws IOException {
        JsonNode services = compose().get("services");
        List<String> gateway = jvmOptions("ingest-gateway");
        List<String> job = jvmOptions("flink-jobs");
        assertThat(gateway).isNotEmpty();
        assertThat(job).isNotEmpty();

        List<String> gatewayCommand = new ArrayList<>();
        services.get("gateway").get("command").forEach(arg -> gatewayCommand.add(arg.asText()));
        assertThat(gatewayCommand).containsAll(gateway);
        assertThat(services.get("taskmanager").get("environment").get("FLINK_PROPERTIES").asText())
                .contains("env.java.opts.taskmanager: " + String.join(" ", job) + "\n");
        // The embedded job reads the file itself; its comment lines must not become java's arguments
        // ($$ is Compose's escape for $).
        assertThat(services.get("pipeline").get("command").get(2).asText())
                .startsWith("exec java $$(grep -v '^#' /jvm-options.txt) ");
    }

    @Test
    void composeGivesTheTaskManagerTheLocalClustersMemory() throws IOException {
        List<String> memory = Files.readAllLines(ROOT.resolve("scripts/flink.sh")).stream()
                .filter(line -> line.startsWith("taskmanager.memory."))
                .toList();
        assertThat(memory).isNotEmpty();
        String properties =
                compose().get("services").get("taskmanager").get("environment").get("FLINK_PROPERTIES").asText();
        for (String setting : memory) {
            assertThat(properties).contains(setting + "\n");
        }
    }

    /** A module's jvm-options.txt without its comments, as scripts/lib.sh's jvm_options reads it. */
    private static List<String> jvmOptions(String module) throws IOException {
        return Files.readAllLines(ROOT.resolve(module).resolve("jvm-options.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static String flinkVersion(Path pom) throws IOException {
        Matcher version = Pattern.compile("<flink.version>([^<]+)</flink.version>").matcher(Files.readString(pom));
        return version.find() ? version.group(1) : "";
    }

    private static List<String> published(JsonNode services, String name) {
        List<String> ports = new ArrayList<>();
        services.get(name).path("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }
}
