package dev.docent.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A database connection of its own, outside the pool: a session that holds advisory locks or LISTENs must stay the
 * same session for as long as it leads or listens, which a pooled connection (validated, recycled, capped in
 * lifetime) does not promise. The same URL and credentials as the pool.
 */
final class DedicatedConnection {

    private DedicatedConnection() {}

    static Connection open(String purpose) throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        java.util.Properties properties = new java.util.Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class)
                .ifPresent(user -> properties.setProperty("user", user));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "docent-" + purpose);
        // A dead peer (the database host gone without a word) must not leave the session hanging for hours.
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
        return connection;
    }
}
