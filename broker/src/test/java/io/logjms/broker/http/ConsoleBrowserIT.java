package io.logjms.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logjms.broker.Broker;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): the page loads, shows the destinations and subscriptions a client made,
 * and its charts move while a producer runs. Skipped, saying why, only when those binaries are absent.
 */
@Timeout(120)
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    Broker broker;
    ChromeDriver browser;

    @BeforeEach
    void startBrokerAndBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        broker = Broker.builder().dataDir(dir.resolve("data")).host("127.0.0.1").port(0).httpPort(0).build().start();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void showsTheDestinationsAndSubscriptionsAClientMadeAndItsChartsMoveWhileAProducerRuns() throws Exception {
        DestinationId orders = DestinationId.queue("console.orders");
        try (TestClient c = TestClient.connect(broker.port())) {
            c.createDestination(orders, 2);
            c.createDestination(DestinationId.topic("console.prices"), 1);
            c.produce(orders, 1, "first", "second", "third");
        }

        browser.get("http://127.0.0.1:" + broker.httpPort() + "/");
        assertThat(browser.getTitle()).isEqualTo("logjms console");
        WebElement ordersRow = until(By.cssSelector("tr[data-destination='queue:console.orders']"));
        assertThat(ordersRow.getText()).contains("console.orders", "queue", "0: 0 – 0", "1: 0 – 3");
        assertThat(until(By.cssSelector("tr[data-destination='topic:console.prices']")).getText())
                .contains("console.prices", "topic", "0: 0 – 0");
        assertThat(until(By.cssSelector("tr[data-subscription='queue/console.orders']")).getText())
                .contains("QUEUE", "queue:console.orders");
        new WebDriverWait(browser, WAIT).until(b -> !b.findElement(By.id("broker-id")).getText().equals("–"));
        assertThat(browser.findElement(By.id("broker-id")).getText()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(browser.findElement(By.id("broker-state")).getText()).isEqualTo("serving");
        String idleChart = chart("chart-in");

        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong received = new AtomicLong();
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port()
                + "?requestTimeout=10000");
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(receiving.createQueue("console.orders"));
            consumer.setMessageListener(m -> received.incrementAndGet());
            Session sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = sending.createProducer(sending.createQueue("console.orders"));
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                try {
                    while (producing.get()) {
                        producer.send(sending.createTextMessage("order " + n++));
                    }
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
                return n;
            });
            try {
                new WebDriverWait(browser, WAIT).until(b -> rate("rate-in") > 0 && rate("rate-out") > 0);
                assertThat(Integer.parseInt(browser.findElement(By.id("chart-in")).getDomAttribute("data-samples")))
                        .as("points drawn").isGreaterThanOrEqualTo(1);
                assertThat(chart("chart-in")).as("the messages-in chart drew the traffic").isNotEqualTo(idleChart);
                String before = chart("chart-in");
                new WebDriverWait(browser, WAIT).until(b -> !chart("chart-in").equals(before));
                assertThat(Double.parseDouble(browser.findElement(By.id("chart-out")).getDomAttribute("data-last")))
                        .as("messages out per second, last point").isPositive();
            } finally {
                producing.set(false);
                assertThat(sent.get(30, TimeUnit.SECONDS)).isPositive();
            }
            new WebDriverWait(browser, WAIT).until(b -> b.findElement(
                    By.cssSelector("tr[data-subscription='queue/console.orders']")).getText().matches(".*\\b[1-9]\\d*$"));
            Files.write(Path.of("target", "console-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
        }
        assertThat(received.get()).isPositive();
    }

    private WebElement until(By locator) {
        return new WebDriverWait(browser, WAIT).until(b -> b.findElements(locator).stream().findFirst().orElse(null));
    }

    private double rate(String id) {
        return Double.parseDouble(browser.findElement(By.id(id)).getText());
    }

    /** The canvas as a PNG data URL: it changes only when the chart is redrawn with other points. */
    private String chart(String id) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById(arguments[0]).toDataURL();", id);
    }
}
