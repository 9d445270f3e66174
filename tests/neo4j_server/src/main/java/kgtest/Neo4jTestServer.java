package kgtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j 5 community DBMS for the test suite: Bolt on 127.0.0.1 (0 = a free one),
 * auth on with one known password so tests can also see the wrong-password error, data in a
 * temporary directory removed at exit. Prints one line "NEO4J READY <uri> <version>" when
 * Bolt accepts connections, and shuts down on SIGTERM (the JVM runs shutdown hooks).
 *
 * Usage: java -cp ... kgtest.Neo4jTestServer PASSWORD [PORT]
 */
public final class Neo4jTestServer {
    public static void main(String[] args) throws Exception {
        String password = args.length > 0 ? args[0] : "kg-test-password";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path home = Files.createTempDirectory("kg-neo4j-");
        if (port == 0) {
            // a concrete port (not 0) so the advertised address, used by neo4j:// routing,
            // is the one Bolt listens on
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        Path conf = home.resolve("neo4j.conf");
        Files.writeString(conf, String.join("\n",
                "server.bolt.enabled=true",
                "server.bolt.listen_address=127.0.0.1:" + port,
                "server.bolt.advertised_address=127.0.0.1:" + port,
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                // small footprint: the suite shares two cores with other work
                "server.memory.pagecache.size=64m",
                "db.tx_log.rotation.retention_policy=2 files",
                "dbms.usage_report.enabled=false",
                ""));
        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            deleteTree(home);
            stopped.countDown();
        }));
        try {
            announce(dbms, password, port);
        } catch (RuntimeException e) {
            // a failed start must end the JVM: Neo4j's own threads would keep it alive
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    private static void announce(DatabaseManagementService dbms, String password, int port) {
        GraphDatabaseService system = dbms.database("system");
        // the default user must otherwise change its password on first login
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        String version = system.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                r -> (String) r.next().get("v"));
        System.out.println("NEO4J READY bolt://127.0.0.1:" + port + " " + version);
        System.out.flush();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e);
        }
    }
}
