package io.faultwatch.model;

import com.clickhouse.client.api.Client;

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
}
