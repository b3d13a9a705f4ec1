package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A client's mistakes are answered, not logged: any client could fill the server's log with them. */
@ExtendWith(OutputCaptureExtension.class)
class QuietLogsHttpTest extends HttpTestBase {

    @Test
    void aWrongMethodOrAnUnreadableAcceptHeaderLogsNothing(CapturedOutput output) {
        assertThat(api.send("DELETE", "/v1/tenants/any/calls", null).status()).isEqualTo(405);
        assertThat(api.get("/", "Accept", "garbage").status()).isLessThan(500);
        assertThat(output.getAll()).doesNotContain("HttpRequestMethodNotSupportedException")
                .doesNotContain("invalid Accept header");
    }
}
