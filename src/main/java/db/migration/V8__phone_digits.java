package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import io.callvault.catalog.PhoneNumber;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the digit columns of calls stored before phone numbers were searched by their digits. In Java, with the
 * same {@link PhoneNumber#digits} the server uses, because H2 and PostgreSQL have no common way to strip non-digits.
 */
public class V8__phone_digits extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement select = context.getConnection().createStatement();
                PreparedStatement update = context.getConnection().prepareStatement(
                        "update calls set ani_digits = ?, dnis_digits = ? where tenant_id = ? and id = ?")) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = select.executeQuery(
                    "select tenant_id, id, ani, dnis from calls where ani is not null or dnis is not null")) {
                while (rs.next()) {
                    update.setString(1, PhoneNumber.digits(rs.getString("ani")));
                    update.setString(2, PhoneNumber.digits(rs.getString("dnis")));
                    update.setString(3, rs.getString("tenant_id"));
                    update.setString(4, rs.getString("id"));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
