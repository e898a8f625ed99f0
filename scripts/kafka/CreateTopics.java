import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the missing FaultWatch topics in one JVM (TopicCommand would start one per topic).
 * Arguments: bootstrap servers, then name:partitions[:compact] for each topic.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                if (existing.contains(spec[0])) {
                    continue;
                }
                NewTopic topic = new NewTopic(spec[0], Integer.parseInt(spec[1]), (short) 1);
                if (spec.length > 2 && spec[2].equals("compact")) {
                    topic.configs(Map.of("cleanup.policy", "compact"));
                }
                missing.add(topic);
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                System.err.println("[faultwatch] created topics " + missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
