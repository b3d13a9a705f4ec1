package io.callvault.command;

import java.io.IOException;
import java.util.function.Consumer;

import io.callvault.integrity.IntegrityCheck;
import io.callvault.storage.StorageMigration;

import org.springframework.stereotype.Component;

/** Runs fsck or a storage migration with this server's services, reporting as it goes; the same from the CLI or HTTP. */
@Component
class CommandExecution {

    private final IntegrityCheck integrity;
    private final StorageMigration migration;

    CommandExecution(IntegrityCheck integrity, StorageMigration migration) {
        this.integrity = integrity;
        this.migration = migration;
    }

    /** @return the exit code: 0 all well, 1 damage found or some recordings failed */
    int execute(JarCommand command, Consumer<String> out) throws IOException {
        if (command.kind() == JarCommand.Kind.MIGRATE) {
            StorageMigration.Result result = migration.migrate(command.target(), command.tenant(), Long.MAX_VALUE, out);
            return result.failed() == 0 ? 0 : 1;
        }
        IntegrityCheck.Report report = integrity.check(command.tenant(), command.repair(), out);
        report.problems().forEach(p -> out.accept(p.problem() + " " + p.tenantId() + "/" + p.recordingId()
                + " (call " + p.callId() + "): " + p.detail() + (p.repaired() ? " → marked Fail" : "")));
        return report.damaged() ? 1 : 0;
    }
}
