package io.callvault.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callvault.tenancy.Admin;
import io.callvault.web.ApiException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code POST /v1/admin/commands/fsck} and {@code …/storage-migrate}: what the jar's commands ask of a running server
 * on the embedded database, which only that server may open. The answer streams the command's progress as text
 * lines and ends with {@code exit <code>}.
 */
@RestController
class CommandController {

    private final CommandExecution execution;

    CommandController(CommandExecution execution) {
        this.execution = execution;
    }

    @PostMapping("/v1/admin/commands/fsck")
    ResponseEntity<StreamingResponseBody> fsck(Admin admin, @RequestParam(required = false) String tenant,
            @RequestParam(defaultValue = "false") boolean repair) {
        return stream(new JarCommand(JarCommand.Kind.FSCK, null, tenant, repair, List.of(), null));
    }

    @PostMapping("/v1/admin/commands/storage-migrate")
    ResponseEntity<StreamingResponseBody> migrate(Admin admin, @RequestParam String to,
            @RequestParam(required = false) String tenant) {
        if (!to.equals("filesystem") && !to.equals("s3")) {
            throw ApiException.badRequest("to must be filesystem or s3");
        }
        return stream(new JarCommand(JarCommand.Kind.MIGRATE, to, tenant, false, List.of(), null));
    }

    private ResponseEntity<StreamingResponseBody> stream(JarCommand command) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(out -> {
                    PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
                    int exit;
                    try {
                        exit = execution.execute(command, line -> {
                            writer.println(line);
                            writer.flush();
                        });
                    } catch (RuntimeException e) {
                        writer.println("failed: " + e.getMessage());
                        exit = 1;
                    }
                    writer.println("exit " + exit);
                    writer.flush();
                });
    }
}
