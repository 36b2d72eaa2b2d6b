package io.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * End to end, as a user sees it: {@code gan4j train ... --dashboard --port 0} in its own process,
 * the page opened in a real headless Chromium (Debian's chromium + chromium-driver, which .ci/run
 * installs) while the run starts, then everything (loss points, sample grids, progress) arrives
 * by push, without a reload, until the run is finished. A screenshot goes to
 * target/dashboard-e2e.png.
 *
 * <p>A missing browser fails the test; a developer without one may pass
 * {@code -Dgan4j.skipBrowserTests=true} to skip it explicitly.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final long STEPS = 150;
    private static final long LOG_EVERY = 5;

    private Process training;
    private ChromeDriver browser;

    @Test
    void pageFollowsALiveTrainingRun(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("gan4j.skipBrowserTests"), "skipped: -Dgan4j.skipBrowserTests=true");
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does),"
                        + " or -Dgan4j.skipBrowserTests=true to skip");
        Path run = tmp.resolve("run");
        BlockingQueue<String> output = startTraining(run);
        String url = awaitUrl(output);

        browser = startBrowser();
        browser.get(url);
        JavascriptExecutor js = browser;
        js.executeScript("window.loadedOnce = true;");
        await(js, "return Number(document.getElementById('loss-chart').dataset.points) > 0;");
        await(js, "const g = document.getElementById('grid'); return g.complete && g.naturalWidth > 0;");
        await(js, "const t = document.querySelector('#runs .text'); return t != null && t.textContent.includes('finished');");
        await(js, "const g = document.getElementById('grid'); return g.complete && g.naturalWidth > 0"
                + " && g.getAttribute('src').endsWith('step-" + String.format("%07d", STEPS) + ".png');");

        assertEquals(Boolean.TRUE, js.executeScript("return window.loadedOnce === true;"), "updates came without a reload");
        long points = ((Number) js.executeScript("return Number(document.getElementById('loss-chart').dataset.points);")).longValue();
        assertEquals(2 * STEPS / LOG_EVERY, points, "every logged D and G loss reached the chart");
        String progress = (String) js.executeScript("return document.querySelector('#runs .text').textContent;");
        assertTrue(progress.startsWith("step " + STEPS + " / " + STEPS + " (100%)"), progress);
        String configTable = (String) js.executeScript("return document.getElementById('config').textContent;");
        assertTrue(configTable.contains("vanilla") && configTable.contains("totalSteps"), configTable);

        Path shot = Path.of("target", "dashboard-e2e.png");
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the page");
        assertTrue(Files.exists(run.resolve("loss.png")), "loss.png written at the end of the run");
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            stopTraining();
        }
    }

    private void stopTraining() throws InterruptedException {
        if (training != null) {
            training.destroy(); // SIGTERM: the dashboard serves until stopped, as after Ctrl-C
            if (!training.waitFor(30, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                throw new AssertionError("SIGTERM did not stop train --dashboard within 30 s");
            }
        }
    }

    /** Polls {@code script} in the page until it returns true (4 minutes at most: the CPU may be shared). */
    private void await(JavascriptExecutor js, String script) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Boolean.TRUE.equals(js.executeScript(script))) {
            if (System.nanoTime() > deadline || !training.isAlive()) {
                throw new AssertionError("page never satisfied: " + script + (training.isAlive() ? "" : " (training exited)"));
            }
            Thread.sleep(250);
        }
    }

    /** gan4j train --dashboard in a child JVM with this test's classpath; its output lines in a queue. */
    private BlockingQueue<String> startTraining(Path run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Xmx1g", "io.gan4j.cli.Main",
                "train", "vanilla", "--steps", String.valueOf(STEPS), "--batch-size", "32", "--log-every", String.valueOf(LOG_EVERY),
                "--sample-every", "25", "--seed", "1", "--threads", "1", "--out", run.toString(), "--dashboard", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().put("DJL_OFFLINE", "true");
        training = builder.start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(training.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("[train] " + line);
                    lines.offer(line);
                }
            } catch (IOException ignored) {
                // the process was stopped
            }
        }, "train-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private String awaitUrl(BlockingQueue<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("dashboard: http://127.0.0.1:")) {
                return line.substring("dashboard: ".length()).trim();
            }
            if (line == null && !training.isAlive()) {
                break;
            }
        }
        throw new AssertionError("train --dashboard printed no dashboard address");
    }

    /** Headless Chromium with the flags that keep it off the (closed) network; no Selenium Manager download. */
    private static ChromeDriver startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1700");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
