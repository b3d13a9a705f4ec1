package io.callvault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CallApiHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;

    @BeforeEach
    void tenant() {
        tenant = api.tenant("calls");
        client = api.readWriteClient(tenant);
    }

    private Api.Response put(String callId, String json) {
        return api.json("PUT", "/v1/tenants/" + tenant + "/calls/" + callId, json, "Authorization", client.bearer());
    }

    @Test
    void upsertCreatesThenUpdatesKeepingFieldsLeftOut() {
        Api.Response created = put("c-1", """
                {"direction":"Inbound","ani":"0311112222","dnis":"0120","agentId":"a7","agentName":"コムデザイン一郎",
                 "connectTime":"2026-01-04T11:22:33.123Z"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("complete").asBoolean()).isFalse();

        Api.Response updated = put("c-1", "{\"disconnectTime\":\"2026-01-04T20:27:13.570+09:00\"}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/c-1", "Authorization", client.bearer()).json();
        assertThat(call.get("ani").asString()).isEqualTo("0311112222");
        assertThat(call.get("agentName").asString()).isEqualTo("コムデザイン一郎");
        assertThat(call.get("direction").asString()).isEqualTo("Inbound");
        assertThat(call.get("connectTime").asString()).isEqualTo("2026-01-04T11:22:33.123Z");
        assertThat(call.get("disconnectTime").asString()).isEqualTo("2026-01-04T11:27:13.570Z");
        assertThat(call.get("complete").asBoolean()).isTrue();
        assertThat(put("c-2", null).status()).isEqualTo(201);
    }

    @Test
    void refusesBadCallInput() {
        assertThat(put("c", "{\"direction\":\"Sideways\"}").status()).isEqualTo(400);
        assertThat(put("c", "{\"connectTime\":\"tuesday\"}").json().get("detail").asString()).contains("connectTime");
        assertThat(put("c", "{\"ani\":12345}").status()).isEqualTo(400);
        assertThat(put("c", "{\"ani\":[\"x\"]}").status()).isEqualTo(400);
        assertThat(put("c", "{\"ani\":").status()).isEqualTo(400);
        assertThat(put("c", "[1,2,3]").status()).isEqualTo(400);
        assertThat(put("c", "{\"ani\":\"" + "9".repeat(300) + "\"}").status()).isEqualTo(400);
        assertThat(put("c", "{\"connectTime\":\"2026-01-02T00:00:00Z\",\"disconnectTime\":\"2026-01-01T00:00:00Z\"}")
                .status()).isEqualTo(400);
        assertThat(put("x".repeat(129), "{}").status()).isEqualTo(400);
        assertThat(put("..", "{}").status()).isIn(400, 404);
        Api.Response problem = put("c", "{\"direction\":\"Sideways\"}");
        assertThat(problem.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode p = problem.json();
        assertThat(p.get("type").asString()).isEqualTo("about:blank");
        assertThat(p.get("title").asString()).isEqualTo("Bad Request");
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("detail").asString()).contains("Sideways");
        // nothing of the refused requests was stored
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c", "Authorization", client.bearer()).status()).isEqualTo(404);
    }

    @Test
    void hugeJsonBodiesAre413() {
        String huge = "{\"ani\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(put("c", huge).status()).isEqualTo(413);
    }

    @Test
    void searchPagesNewestFirstOrOldestFirstWithAKeysetCursor() {
        Instant base = Instant.parse("2026-03-01T00:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = "call-" + String.format("%02d", i);
            String direction = i % 2 == 0 ? "Inbound" : "Outbound";
            // two calls share each instant: the id breaks the tie
            put(id, "{\"direction\":\"" + direction + "\",\"ani\":\"ani-" + (i % 3) + "\",\"connectTime\":\""
                    + base.plusSeconds(60L * (i / 2)) + "\"}");
            expected.add(0, id);
        }
        expected.sort((a, b) -> {
            int ia = Integer.parseInt(a.substring(5));
            int ib = Integer.parseInt(b.substring(5));
            return ia / 2 != ib / 2 ? Integer.compare(ib / 2, ia / 2) : b.compareTo(a);
        });
        assertThat(allPages("")).containsExactlyElementsOf(expected);
        assertThat(allPages("&order=newest")).containsExactlyElementsOf(expected);
        List<String> oldestFirst = new ArrayList<>(expected);
        java.util.Collections.reverse(oldestFirst);
        assertThat(allPages("&order=oldest")).containsExactlyElementsOf(oldestFirst);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?order=random", "Authorization", client.bearer()).status())
                .isEqualTo(400);

        JsonNode filtered = api.get("/v1/tenants/" + tenant + "/calls?ani=ani-1&direction=Outbound&from="
                + base.plusSeconds(60) + "&to=" + base.plusSeconds(600) + "&limit=100", "Authorization", client.bearer()).json();
        List<String> ids = new ArrayList<>();
        filtered.get("calls").forEach(c -> ids.add(c.get("callId").asString()));
        // ani-1 ↔ i%3==1; Outbound ↔ odd i; connect minute i/2 within [1, 10)
        assertThat(ids).containsExactly("call-19", "call-13", "call-07");
    }

    /** Every call a search finds, ten a page by its cursors (three pages for the 25 calls made). */
    private List<String> allPages(String parameters) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get("/v1/tenants/" + tenant + "/calls?limit=10" + parameters
                    + (cursor == null ? "" : "&cursor=" + cursor), "Authorization", client.bearer());
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("calls").forEach(c -> seen.add(c.get("callId").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        return seen;
    }

    @Test
    void searchRefusesBadParameters() {
        String path = "/v1/tenants/" + tenant + "/calls?";
        assertThat(api.get(path + "limit=0", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "limit=100000", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "limit=ten", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "cursor=garbage!!", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "from=never", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "direction=Up", "Authorization", client.bearer()).status()).isEqualTo(400);
        Api.Response unknown = api.get(path + "caller=0311", "Authorization", client.bearer());
        assertThat(unknown.status()).as("an unknown filter is not silently ignored").isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("caller").contains("ani");
        assertThat(api.get(path + "ani=anonymous", "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.get(path + "from=%2B999999999-12-31T23:59:59Z", "Authorization", client.bearer()).status())
                .isEqualTo(400);
    }

    @Test
    void phoneNumbersMatchAsPeopleTypeThemAndOtherFiltersNarrow() {
        put("p1", "{\"ani\":\"+1 555-123-4567\",\"dnis\":\"(0120) 11-22\",\"agentName\":\"Grace Hopper\",\"skillName\":\"Billing\"}");
        put("p2", "{\"ani\":\"15551239999\",\"agentName\":\"Ada Lovelace\",\"skillName\":\"Sales\"}");
        put("p3", "{\"ani\":\"+44 20 7946 0000\",\"agentName\":\"Alan Turing\",\"skillName\":\"Billing\"}");
        put("p4", "{\"ani\":\"1559\",\"agentName\":\"grace kelly\"}");
        assertThat(search("ani=15551234567")).containsExactly("p1");
        assertThat(search("ani=%2B1%20(555)%20123")).as("a prefix, typed with punctuation").containsExactlyInAnyOrder("p1", "p2");
        assertThat(search("ani=1555")).containsExactlyInAnyOrder("p1", "p2");
        assertThat(search("ani=155")).containsExactlyInAnyOrder("p1", "p2", "p4");
        assertThat(search("ani=1559")).containsExactly("p4");
        assertThat(search("ani=9")).isEmpty();
        assertThat(search("dnis=01201122")).containsExactly("p1");
        assertThat(search("agentName=grace")).containsExactlyInAnyOrder("p1", "p4");
        assertThat(search("agentName=LOVE")).containsExactly("p2");
        assertThat(search("agentName=100%25")).isEmpty();
        assertThat(search("skill=Billing")).containsExactlyInAnyOrder("p1", "p3");
        assertThat(search("skill=Billing&agentName=turing")).containsExactly("p3");
    }

    private List<String> search(String query) {
        Api.Response page = api.get("/v1/tenants/" + tenant + "/calls?limit=100&" + query, "Authorization", client.bearer());
        assertThat(page.status()).as(query + ": " + page.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("calls").forEach(c -> ids.add(c.get("callId").asString()));
        return ids;
    }

    @Test
    void searchFindsCallsByTheirSegmentsStateAndByWhetherTheyHaveATranscript() {
        for (String id : List.of("101", "102", "103")) {
            assertThat(put(id, "{\"connectTime\":\"2026-01-04T11:22:33Z\"}").status()).isEqualTo(201);
        }
        assertThat(api.send("PUT", "/v1/tenants/" + tenant + "/calls/101/recordings/1", io.callvault.support.TestAudio.pcm16(8000, 1, 800),
                "Authorization", client.bearer()).status()).isEqualTo(201);
        assertThat(api.send("PUT", "/v1/tenants/" + tenant + "/calls/102/recordings/1?state=Fail", new byte[0],
                "Authorization", client.bearer()).status()).isEqualTo(201);
        Api.Response pushed = api.json("POST", "/general/v1/" + client.sourceUuid() + "/call/speech_recognition_all/send",
                "{\"conversation\":{\"status\":\"complete\",\"tenantId\":\"" + tenant + "\",\"sessionId\":103,"
                        + "\"completed\":true,\"recordList\":[{\"recordId\":1,\"sentenceList\":[{\"sequence\":1,"
                        + "\"speakerId\":1,\"startTime\":0,\"endTime\":900,\"text\":\"hello\"}]}]}}",
                "Authorization", client.apiKey());
        assertThat(pushed.text()).contains("complete");

        assertThat(ids("state=Success")).containsExactly("101");
        assertThat(ids("state=Fail")).containsExactly("102");
        assertThat(ids("state=Recording")).isEmpty();
        assertThat(ids("transcript=true")).containsExactly("103");
        assertThat(ids("transcript=false")).containsExactlyInAnyOrder("101", "102");
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?state=Playing", "Authorization", client.bearer()).status())
                .isEqualTo(400);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?transcript=yes", "Authorization", client.bearer()).status())
                .isEqualTo(400);
    }

    private List<String> ids(String query) {
        Api.Response page = api.get("/v1/tenants/" + tenant + "/calls?" + query, "Authorization", client.bearer());
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        page.json().get("calls").forEach(call -> ids.add(call.get("callId").asString()));
        return ids;
    }
}
