package io.faultwatch.jobs.grouping;

import static io.faultwatch.jobs.grouping.MessageParameterizer.parameterize;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageParameterizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            email                | sent to jane.doe+shop@example.co.uk twice       | sent to <email> twice
            url                  | GET https://api.acme.io/v1/users/42?x=1 failed. | GET <url> failed.
            url with scheme+     | jdbc:postgresql://db:5432/shop is down          | jdbc:<url> is down
            hostname             | cannot reach db-7.prod.acme.internal:5432       | cannot reach <hostname>:<num>
            hostname com         | lookup of api.example.com timed out             | lookup of <hostname> timed out
            ipv4                 | connect ECONNREFUSED 10.0.3.7:6379.             | connect ECONNREFUSED <ip>:<num>.
            ipv6 compressed      | bind [2001:db8::8a2e:370:7334]:443 failed       | bind [<ip>]:<num> failed
            ipv6 loopback        | connect ECONNREFUSED ::1                        | connect ECONNREFUSED <ip>
            ipv6 full            | from fe80:0:0:0:202:b3ff:fe1e:8329 denied       | from <ip> denied
            ipv4-mapped ipv6     | client ::ffff:192.168.0.1 banned                | client <ip> banned
            uuid                 | request 3f2b8c1e-9a7d-4e21-b6f0-0c1d2e3f4a5b    | request <uuid>
            sha1                 | commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 | commit <sha1>
            md5                  | etag 9e107d9d372bb6826bd81d3542a419d6 stale     | etag <md5> stale
            hex 0x               | segfault at 0x7ffd5a3c                          | segfault at <hex>
            hex id               | span 9f86d081884c7d65 and trace 00f067aa0ba902b7 | span <hex> and trace <hex>
            iso datetime         | expired at 2026-11-22T10:15:58.316Z             | expired at <date>
            iso date             | no rates for 2026-11-21                         | no rates for <date>
            datetime with space  | at 2026-11-22 10:15:58+01:00 ok                 | at <date> ok
            http date            | Last-Modified: Sun, 22 Nov 2026 10:15:58 GMT    | Last-Modified: <date>
            java date            | since Sun Nov 22 10:15:58 UTC 2026              | since <date>
            us date              | due 11/22/2026                                  | due <date>
            time                 | job at 03:00:12 late                            | job at <date> late
            duration ms          | took 12.5 ms                                    | took <duration>
            duration glued       | timed out after 30004ms.                        | timed out after <duration>.
            duration s           | Timeout after 30.5s talking                     | Timeout after <duration> talking
            duration words       | retry in 5 minutes                              | retry in <duration>
            duration iso         | lease PT30S expired                             | lease <duration> expired
            integer              | user 123 not found                              | user <num> not found
            negative             | balance -42 below limit                         | balance <num> below limit
            float                | ratio 0.75 too high                             | ratio <num> too high
            id after dash        | order ORD-88412 missing                         | order ORD-<num> missing
            quoted after =       | lookup failed: user="jane" id='a b'             | lookup failed: user=<quoted> id=<quoted>
            quoted with escapes  | q="say \\"hi\\" 42" rejected                     | q=<quoted> rejected
            """)
    void replacesVariableParts(String kind, String message, String expected) {
        assertThat(parameterize(message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            words that are hex       | cache miss for decade, deadbeef facade
            names with digits        | utf8 decoding in http2 via sha256 on x86 and v2
            java class names         | java.lang.IllegalStateException in java.io.File
            file names               | cannot parse config.yaml or README.md
            c++ and ruby scopes      | std::vector in Foo::Bar
            quoted without =         | For input string: "abc"
            """)
    void keepsWhatDoesNotVary(String kind, String message) {
        assertThat(parameterize(message)).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quoted url keeps quote rule | fetch url="https://a.example.com/x?id=1" failed | fetch url=<quoted> failed
            url eats its host and ids   | GET https://10.0.0.1:8080/users/42 failed        | GET <url> failed
            email before hostname       | mail to bob@mail.example.com                     | mail to <email>
            uuid before hex and numbers | job 0b8d4f6a-2c3e-4f5a-8b9c-1d2e3f4a5b6c done     | job <uuid> done
            date before numbers         | batch 2026-11-22 #4411                            | batch <date> #<num>
            """)
    void appliesTheRulesInTheirDocumentedOrder(String kind, String message, String expected) {
        assertThat(parameterize(message)).isEqualTo(expected);
    }

    /**
     * A rule is skipped on a message lacking a character every match of it needs; the result must be what
     * running every rule gives, on messages that hold each such character, lack it, or gain or lose it
     * through an earlier rule.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "", "plain words only", "user 123 not found", "a=b", "x = \"q\" and y='z' at 10:00:01",
            "mail bob@example.com at https://example.com/a?b=1 or 10.0.0.1", "0x1F", "deadbeef",
            "2001:db8::1", "::1", "a::b", "9e107d9d372bb6826bd81d3542a419d6", "Mon Nov 22 10:15:58 UTC 2026",
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 and 3f2b8c1e-9a7d-4e21-b6f0-0c1d2e3f4a5b",
            "Cannot read properties of undefined (reading 'id')", "ratio 0.75 in 12ms, -4 at 1.2.3.4.5",
            "host.internal:8080/x", "no digits: . : - @ = / only", "Ünïcödé 42 ٣ digits",
            "at 1:05 and 10:00", "2026-1-2 against 2026-01-02", "1/2", "Sun, 22 Nov 2026 10:15:58 GMT",
            "12 :30 and x:1 and 1: 2", "fe80:0:0:0:202:b3ff:fe1e:8329", "a:b:c:d:e:f:g:h",
            "took 30 s, 12ms, 1.5 h, 3 days and PT5M", "waited 5µs", "5 apples in 7 hours", "PT",
            "0X1f and abc12345", "deadbeef01234567deadbeef01234567 x", "a deadbeef0 b", "x1234567"})
    void skippingARuleNeverChangesTheResult(String message) {
        String everyRule = message;
        for (Rewrite rule : MessageParameterizer.RULES) {
            everyRule = rule.pattern().matcher(everyRule).replaceAll(rule.replacement());
        }
        assertThat(parameterize(message)).isEqualTo(everyRule);
    }
}
