package io.callvault.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that writes down every statement prepared through it, with the parameters bound to it: what the
 * application's own code sends to the database, for a test to EXPLAIN.
 */
public final class StatementRecorder extends DelegatingDataSource {

    /** A statement as sent: its SQL and its parameters in order. */
    public record Statement(String sql, List<Object> parameters) {
    }

    private final List<Statement> recorded = new ArrayList<>();

    public StatementRecorder(DataSource target) {
        super(target);
    }

    /** The statements recorded since the last call, and a fresh start. */
    public synchronized List<Statement> take() {
        List<Statement> taken = List.copyOf(recorded);
        recorded.clear();
        return taken;
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                        return recording(statement, (String) args[0]);
                    }
                    return result;
                });
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        Map<Integer, Object> parameters = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, args[1]);
            }
            if (method.getName().startsWith("execute")) {
                synchronized (this) {
                    recorded.add(new Statement(sql, new ArrayList<>(parameters.values())));
                }
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
