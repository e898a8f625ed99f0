package io.faultwatch.model;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way FaultWatch connects to ClickHouse (the job's sink, the query API, the tests), so
 * the rules of DESIGN.md hold everywhere. client-v2 is an optional dependency of event-model:
 * modules that call this declare it themselves.
 */
public final class ClickHouseClients {
    private ClickHouseClients() {}

    /** A builder with the address and credentials set; callers add timeouts and build. */
    public static Client.Builder builder(ServiceAddresses services) {
        return new Client.Builder()
                .addEndpoint(services.clickhouseUrl())
                .setUsername(services.clickhouseUser())
                .setPassword(services.clickhousePassword())
                .setDefaultDatabase(services.clickhouseDatabase())
                // HTTP compression is broken on ClickHouse 18.16: keep both directions plain.
                .compressServerResponse(false)
                .compressClientRequest(false);
    }

    /**
     * The rows of an answer in {@code FORMAT JSONEachRow}, one object per line. 64-bit integers come
     * quoted by default; {@code asLong()} reads them either way.
     */
    public static List<JsonNode> jsonEachRow(QueryResponse response) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    rows.add(RecordJson.MAPPER.readTree(line));
                }
            }
        }
        return rows;
    }
}
