package dev.mlops.monitoring.alert;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TestHttpServer} per test and a sleeper that records backoff instead of waiting. */
abstract class HttpServerFixture {

    TestHttpServer server;
    final TestHttpServer.RecordingSleeper sleeper = new TestHttpServer.RecordingSleeper();

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
