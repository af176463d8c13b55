package dev.plexauth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code docs/benchmarks.md} from the raw results {@code bench/run.sh} leaves in {@code
 * bench/target/results}: each figure as the median of its repeated runs with min and max, beside
 * its baseline from the same run, their ratio and the goal. The analysis ({@code
 * bench/findings.md}, written by hand) is appended as it is.
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.Report bench/target/results docs/benchmarks.md
 * </pre>
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ENDPOINTS = {"user", "token", "resources"};
  private static final String[] PATHS = {
    "GET /api/v2/user", "GET /security/token", "GET /security/resources"
  };

  private final Path results;
  private final Properties machine = new Properties();
  private final List<String[]> summary = new ArrayList<>();

  private Report(Path results) throws IOException {
    this.results = results;
    try (Reader reader =
        Files.newBufferedReader(results.resolve("machine.properties"), StandardCharsets.UTF_8)) {
      machine.load(reader);
    }
  }

  /**
   * Writes the page.
   *
   * @param args the results directory and the Markdown file to write
   * @throws IOException when a result cannot be read or the page written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Report RESULTS_DIR OUTPUT_MD");
    }
    Report report = new Report(Path.of(args[0]));
    String page = report.render(Path.of(args[1]).toAbsolutePath().getParent());
    Files.writeString(Path.of(args[1]), page, StandardCharsets.UTF_8);
  }

  private String render(Path docs) throws IOException {
    StringBuilder body = new StringBuilder();
    String server = serverSection();
    String signIn = signInSection();
    String sdk = sdkSection();
    String serve = serveSection();
    body.append("# Benchmarks\n\n")
        .append("Written by `bench/run.sh` (")
        .append(machine.getProperty("elapsed_s"))
        .append(" s) on ")
        .append(machine.getProperty("date"))
        .append(" at commit `")
        .append(machine.getProperty("commit"))
        .append("`. Do not edit by hand: change `bench/findings.md` or the benchmarks, then run")
        .append(" `bench/run.sh` again.\n\n")
        .append(
            "Every figure is measured side by side with its baseline in the same run on the same"
                + " machine, and **the ratios are what count**: the machine is small and shared"
                + " (other builds may run beside the benchmark; see the load average), so absolute"
                + " numbers move from run to run while the ratios move much less. Each figure is"
                + " the median of its repeated runs, with the minimum and maximum in brackets.\n\n");
    machineTable(body);
    body.append("## Summary\n\n")
        .append("| figure | plexauth | baseline | ratio | goal | met |\n")
        .append("|---|---|---|---|---|---|\n");
    for (String[] row : summary) {
      body.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    body.append('\n').append(server).append(signIn).append(sdk).append(serve);
    Path findings = docs.getParent().resolve("bench").resolve("findings.md");
    if (Files.exists(findings)) {
      body.append(Files.readString(findings, StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  private void machineTable(StringBuilder body) {
    long memoryKib = Long.parseLong(machine.getProperty("memory_kib"));
    String opts = machine.getProperty("jvm_opts", "");
    body.append("## Machine\n\n")
        .append("| | |\n|---|---|\n")
        .append("| cores | ")
        .append(machine.getProperty("cores"))
        .append(" (")
        .append(machine.getProperty("cpu"))
        .append(") |\n")
        .append("| memory | ")
        .append(String.format(Locale.ROOT, "%.1f GiB", memoryKib / 1024.0 / 1024.0))
        .append(" |\n")
        .append("| Java | ")
        .append(machine.getProperty("java"))
        .append(", ")
        .append(machine.getProperty("java_vm"))
        .append(" |\n")
        .append("| JVM options of every server process | ")
        .append(
            opts.isEmpty()
                ? "none: `java -jar plexauth.jar serve`, as the `plexauth` launcher runs it with"
                    + " `PLEXAUTH_JAVA_OPTS` unset"
                : "`" + opts + "` (`PLEXAUTH_JAVA_OPTS`)")
        .append(" |\n")
        .append("| Node.js | ")
        .append(machine.getProperty("node"))
        .append(" |\n")
        .append("| load generator | ")
        .append(machine.getProperty("wrk"))
        .append(" (Debian package), JMH 1.37 |\n")
        .append("| load average (1, 5, 15 min) | at start ")
        .append(machine.getProperty("load_start"))
        .append(", at end ")
        .append(machine.getProperty("load_end"))
        .append(" |\n")
        .append("| date | ")
        .append(machine.getProperty("date"))
        .append(" |\n\n");
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Server throughput and p99

  private String serverSection() throws IOException {
    int reps = intProperty("reps");
    StringBuilder s = new StringBuilder();
    s.append("## 1. Server throughput and p99 latency\n\n")
        .append("`plexauth serve` (the shaded jar, with an account token of the owner, JSON")
        .append(" answers) against `BareServer`, a bare Javalin 7 route returning a fixed body of")
        .append(" the same size with the same headers, in a JVM started the same way. ")
        .append(machine.getProperty("connections"))
        .append(" keep-alive connections, ")
        .append(machine.getProperty("wrk_threads"))
        .append(" wrk threads, ")
        .append(machine.getProperty("http_seconds"))
        .append(" s a run after ")
        .append(machine.getProperty("http_warmup"))
        .append(" s of warm-up per endpoint and server, ")
        .append(reps)
        .append(" runs alternating between the two servers. The load generator shares the 2")
        .append(" cores with the server, equally for both. Goal: at least 0.6 of the bare route")
        .append(" in throughput, and a p99 at most 1/0.6 = 1.67 times the bare route's.\n\n")
        .append("| endpoint | body bytes | plexauth req/s | bare req/s | ratio | plexauth p99 ms")
        .append(" | bare p99 ms | ratio | plexauth CPU µs/req | bare CPU µs/req | ratio |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < ENDPOINTS.length; i++) {
      String e = ENDPOINTS[i];
      List<JsonNode> plexauth = wrkRuns("http-plexauth-" + e + "-", reps);
      List<JsonNode> bare = wrkRuns("http-bare-" + e + "-", reps);
      Stats rps = Stats.of(plexauth, n -> n.get("rps").asDouble());
      Stats bareRps = Stats.of(bare, n -> n.get("rps").asDouble());
      Stats p99 = Stats.of(plexauth, n -> n.get("p99us").asDouble() / 1000);
      Stats bareP99 = Stats.of(bare, n -> n.get("p99us").asDouble() / 1000);
      Stats cpu = cpuPerRequest("http-plexauth-" + e + "-", plexauth);
      Stats bareCpu = cpuPerRequest("http-bare-" + e + "-", bare);
      double rpsRatio = rps.median / bareRps.median;
      double p99Ratio = p99.median / bareP99.median;
      s.append("| ")
          .append(PATHS[i])
          .append(" | ")
          .append(read("size-" + e + ".txt").strip())
          .append(" | ")
          .append(rps.format("%.0f"))
          .append(" | ")
          .append(bareRps.format("%.0f"))
          .append(" | ")
          .append(ratio(rpsRatio))
          .append(" | ")
          .append(p99.format("%.1f"))
          .append(" | ")
          .append(bareP99.format("%.1f"))
          .append(" | ")
          .append(ratio(p99Ratio))
          .append(" | ")
          .append(cpu.format("%.0f"))
          .append(" | ")
          .append(bareCpu.format("%.0f"))
          .append(" | ")
          .append(ratio(cpu.median / bareCpu.median))
          .append(" |\n");
      summary.add(
          new String[] {
            PATHS[i] + " throughput",
            rps.format("%.0f") + " req/s",
            "bare route " + bareRps.format("%.0f") + " req/s",
            ratio(rpsRatio),
            "≥ 0.6",
            met(rpsRatio >= 0.6)
          });
      summary.add(
          new String[] {
            PATHS[i] + " p99",
            p99.format("%.1f") + " ms",
            "bare route " + bareP99.format("%.1f") + " ms",
            ratio(p99Ratio),
            "≤ 1.67",
            met(p99Ratio <= 1 / 0.6)
          });
    }
    Stats lookupStore = jmh("lookup.jmh", "store");
    Stats lookupEach = jmh("lookup.jmh", "jdbcPreparedEachTime");
    Stats lookupOnce = jmh("lookup.jmh", "jdbcPreparedOnce");
    s.append("\nThe token lookup that every one of these requests makes, alone on one thread")
        .append(" (`TokenLookupBenchmark`, SQLite): through the store ")
        .append(lookupStore.format("%.1f"))
        .append(" µs, plain JDBC preparing the statement each time ")
        .append(lookupEach.format("%.1f"))
        .append(" µs, plain JDBC with the statement prepared once ")
        .append(lookupOnce.format("%.1f"))
        .append(" µs.\n");
    s.append(
            "\nCPU µs/req is the server process's user and system time during a run divided by the")
        .append(
            " requests it answered (from /proc/PID/stat): unlike throughput it hardly depends on")
        .append(" what else the machine runs, so its ratio is the steadiest view of plexauth's own")
        .append(" cost per request.\n\nErrors and non-2xx answers in all runs: ")
        .append(errors("http-"))
        .append(".\n\nReproduce: `bench/run.sh`; one run by hand, with `plexauth serve` on $PORT,")
        .append(" the owner's token in $TOKEN and `export BENCH_WRK_DIR=bench/wrk`:\n\n")
        .append("```sh\n")
        .append("java -cp bench/target/plexauth-bench.jar dev.plexauth.bench.BareServer $BARE_PORT")
        .append(" $USER_BYTES $TOKEN_BYTES $RESOURCES_BYTES &\n")
        .append("wrk -t")
        .append(machine.getProperty("wrk_threads"))
        .append(" -c")
        .append(machine.getProperty("connections"))
        .append(" -d")
        .append(machine.getProperty("http_seconds"))
        .append("s -s bench/wrk/get.lua http://127.0.0.1:$PORT/api/v2/user\n")
        .append("wrk -t")
        .append(machine.getProperty("wrk_threads"))
        .append(" -c")
        .append(machine.getProperty("connections"))
        .append(" -d")
        .append(machine.getProperty("http_seconds"))
        .append("s -s bench/wrk/get.lua http://127.0.0.1:$BARE_PORT/api/v2/user\n")
        .append("```\n\n");
    return s.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Sign-in

  private String signInSection() throws IOException {
    int reps = intProperty("reps");
    int clients = intProperty("signin_clients");
    int cores = intProperty("cores");
    Stats verify = jmh("verify.jmh", "verify");
    Stats verifyAllCores = jmh("verify-all-cores.jmh", "verify");
    List<JsonNode> many = wrkRuns("signin-" + clients + "-", reps);
    List<JsonNode> one = wrkRuns("signin-1-", reps);
    Stats p50 = Stats.of(many, n -> n.get("p50us").asDouble() / 1000);
    Stats p99 = Stats.of(many, n -> n.get("p99us").asDouble() / 1000);
    Stats rps = Stats.of(many, n -> n.get("rps").asDouble());
    Stats oneP50 = Stats.of(one, n -> n.get("p50us").asDouble() / 1000);
    Stats oneP99 = Stats.of(one, n -> n.get("p99us").asDouble() / 1000);
    Stats oneRps = Stats.of(one, n -> n.get("rps").asDouble());
    Stats inServer = Stats.ofLines(read("verify-in-server.txt"));
    double t = inServer.median;
    double ceiling = cores * 1000 / t;
    double measuredCeiling = cores * 1000 / verifyAllCores.median;
    double queue = (double) clients / cores * t;
    double p50Ratio = p50.median / t;
    double rpsRatio = rps.median / ceiling;
    double oneRatio = oneP50.median / t;

    StringBuilder s = new StringBuilder();
    s.append("## 2. Sign-in\n\n")
        .append("`POST /api/v2/users/signin` with the right password, ")
        .append(clients)
        .append(" concurrent clients (wrk, one connection each) cycling through ")
        .append(clients)
        .append(" accounts, against `SignInServer` (the embedded server, per-address limit raised")
        .append(" through `signInRateLimit`, so no answer is a 429). Then the same with one")
        .append(" client. The unit is one Argon2id verification at the server's parameters")
        .append(" (m=19456 KiB, t=2, p=1), timed in the sign-in server's own JVM between the load")
        .append(" runs (median of 10 verifications, one after the other, once the server is idle")
        .append(" after each one-client run; the figure is the median of the ")
        .append(machine.getProperty("reps"))
        .append(" medians): **")
        .append(String.format(Locale.ROOT, "%.1f ms", t))
        .append("** ")
        .append(inServer.bracket("%.1f"))
        .append(". JMH (`PasswordVerifyBenchmark`, one thread, its own JVM) measured ")
        .append(String.format(Locale.ROOT, "%.1f ms", verify.median))
        .append(" ")
        .append(verify.bracket("%.1f"))
        .append(" in the same run. The ceiling of the ")
        .append(cores)
        .append(" cores is ")
        .append(String.format(Locale.ROOT, "%.1f", ceiling))
        .append(" sign-ins/s. With ")
        .append(cores)
        .append(" threads verifying at once (JMH `-t ")
        .append(cores)
        .append("`), one verification took ")
        .append(String.format(Locale.ROOT, "%.1f ms", verifyAllCores.median))
        .append(" ")
        .append(verifyAllCores.bracket("%.1f"))
        .append(": hashing alone reaches ")
        .append(String.format(Locale.ROOT, "%.1f", measuredCeiling))
        .append(" sign-ins/s on this machine as it is shared during the run, and the sign-in")
        .append(" throughput is ")
        .append(ratio(rps.median / measuredCeiling))
        .append(" of that.\n\n")
        .append("| clients | p50 ms | p99 ms | sign-ins/s | p50 ÷ one verification")
        .append(" | throughput ÷ (cores ÷ verification) |\n")
        .append("|---|---|---|---|---|---|\n")
        .append("| ")
        .append(clients)
        .append(" | ")
        .append(p50.format("%.1f"))
        .append(" | ")
        .append(p99.format("%.1f"))
        .append(" | ")
        .append(rps.format("%.1f"))
        .append(" | ")
        .append(ratio(p50Ratio))
        .append(" | ")
        .append(ratio(rpsRatio))
        .append(" |\n| 1 | ")
        .append(oneP50.format("%.1f"))
        .append(" | ")
        .append(oneP99.format("%.1f"))
        .append(" | ")
        .append(oneRps.format("%.1f"))
        .append(" | ")
        .append(ratio(oneRatio))
        .append(" | ")
        .append(ratio(oneRps.median / (1000 / t)))
        .append(" of one core |\n\n")
        .append("With ")
        .append(clients)
        .append(" clients each waiting for its answer before sending again and ")
        .append(cores)
        .append(" cores doing one verification each at a time, a request waits on average for")
        .append(" the ")
        .append(clients / cores)
        .append(" verifications queued per core (Little's law: latency = clients ÷ throughput):")
        .append(" even a server that did nothing but hash would answer in ")
        .append(String.format(Locale.ROOT, "%.0f ms", queue))
        .append(" = ")
        .append(clients / cores)
        .append(" × one verification. Measured against that bound, the p50 is ")
        .append(ratio(p50.median / queue))
        .append(" of it. The one-client row is the p50 ≤ 1.5 × verification goal taken on its")
        .append(" own terms: the server's work around one verification.\n\n")
        .append("Errors and non-2xx answers in all runs: ")
        .append(errors("signin-"))
        .append(
            ".\n\nReproduce, with `SignInServer` on $PORT and `export BENCH_WRK_DIR=bench/wrk`:\n\n")
        .append("```sh\n")
        .append(
            "java -jar bench/target/plexauth-bench.jar PasswordVerifyBenchmark -f 1 -wi 2 -w 2s -i ")
        .append(machine.getProperty("jmh_iterations"))
        .append(" -r 2s\n")
        .append("java -cp bench/target/plexauth-bench.jar dev.plexauth.bench.SignInServer")
        .append(" /tmp/signin-data $PORT ")
        .append(clients)
        .append(" <fifo &   # then: echo 'verify 10' >fifo\n")
        .append("ACCOUNTS=")
        .append(clients)
        .append(" wrk -t")
        .append(machine.getProperty("wrk_threads"))
        .append(" -c")
        .append(clients)
        .append(" -d")
        .append(machine.getProperty("signin_seconds"))
        .append(
            "s --timeout 30s -s bench/wrk/signin.lua http://127.0.0.1:$PORT/api/v2/users/signin\n")
        .append("```\n\n");
    summary.add(
        new String[] {
          "sign-in p50, " + clients + " clients",
          p50.format("%.1f") + " ms",
          "one verification " + String.format(Locale.ROOT, "%.1f ms", t),
          ratio(p50Ratio),
          "≤ 1.5",
          met(p50Ratio <= 1.5)
        });
    summary.add(
        new String[] {
          "sign-in p50, 1 client",
          oneP50.format("%.1f") + " ms",
          "one verification " + String.format(Locale.ROOT, "%.1f ms", t),
          ratio(oneRatio),
          "≤ 1.5",
          met(oneRatio <= 1.5)
        });
    summary.add(
        new String[] {
          "sign-in p99, " + clients + " clients",
          p99.format("%.1f") + " ms",
          "one verification " + String.format(Locale.ROOT, "%.1f ms", t),
          ratio(p99.median / t),
          "(no goal)",
          ""
        });
    summary.add(
        new String[] {
          "sign-in throughput, " + clients + " clients",
          rps.format("%.1f") + "/s",
          "cores ÷ verification " + String.format(Locale.ROOT, "%.1f/s", ceiling),
          ratio(rpsRatio),
          "≥ 0.8",
          met(rpsRatio >= 0.8)
        });
    summary.add(
        new String[] {
          "sign-in throughput, " + clients + " clients",
          rps.format("%.1f") + "/s",
          "hashing on all cores, measured " + String.format(Locale.ROOT, "%.1f/s", measuredCeiling),
          ratio(rps.median / measuredCeiling),
          "(context)",
          ""
        });
    return s.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // 3. SDK per-call cost

  private String sdkSection() throws IOException {
    Stats sdk = jmh("sdk-", "plexauthSdk");
    Stats jdk = jmh("sdk-", "jdkHttpClient");
    Stats apache = jmh("sdk-", "apacheHttpClient5");
    List<JsonNode> plexjsRuns = new ArrayList<>();
    for (String line : read("plexjs.jsonl").split("\n")) {
      if (!line.isBlank()) {
        plexjsRuns.add(JSON.readTree(line));
      }
    }
    Stats plexjs = Stats.of(plexjsRuns, n -> n.get("callsPerSecond").asDouble());
    Stats sdkCalls = sdk.inverse(1e6);
    double jdkRatio = sdk.median / jdk.median;
    double apacheRatio = sdk.median / apache.median;
    double plexjsRatio = sdkCalls.median / plexjs.median;
    StringBuilder s = new StringBuilder();
    s.append("## 3. SDK per-call cost\n\n")
        .append("`getTokenDetails` one call at a time against the `plexauth serve` process of")
        .append(" item 1 (before item 1's load), measured by JMH (`TokenDetailsBenchmark`): three")
        .append(
            " rounds, each running the three clients in a rotated order, one fork each with 2 × 1")
        .append(" s of warm-up and 2 × 2 s measured; the figure is the median of the 6 iterations)")
        .append(" beside a raw")
        .append(
            " `java.net.http.HttpClient` GET of the same URL with the same headers and the SDK's")
        .append(" client settings, and Apache HttpClient 5 (classic) doing the same GET. The raw")
        .append(" clients read the body as bytes; the SDK also reads it into a `UserPlexAccount`.")
        .append(" A call includes the server's work, the same for all three. Then the real plexjs")
        .append(
            " 0.32.1 client on Node, `getTokenDetails` in a loop against the same server (in each")
        .append(
            " round, after the Java clients: 3 s of warm-up, then 2 runs of 2 s). Goals: the SDK")
        .append(" within 1.3 times the raw JDK")
        .append(" client; faster than plexjs.\n\n")
        .append("| client | µs per call | calls/s | ratio to raw JDK |\n")
        .append("|---|---|---|---|\n")
        .append("| plexauth-sdk | ")
        .append(sdk.format("%.0f"))
        .append(" | ")
        .append(sdkCalls.format("%.0f"))
        .append(" | ")
        .append(ratio(jdkRatio))
        .append(" |\n| raw JDK HttpClient | ")
        .append(jdk.format("%.0f"))
        .append(" | ")
        .append(jdk.inverse(1e6).format("%.0f"))
        .append(" | 1 |\n| Apache HttpClient 5 | ")
        .append(apache.format("%.0f"))
        .append(" | ")
        .append(apache.inverse(1e6).format("%.0f"))
        .append(" | ")
        .append(ratio(apache.median / jdk.median))
        .append(" |\n| plexjs 0.32.1 (Node ")
        .append(machine.getProperty("node"))
        .append(") | ")
        .append(plexjs.inverse(1e6).format("%.0f"))
        .append(" | ")
        .append(plexjs.format("%.0f"))
        .append(" | ")
        .append(ratio(jdk.median / (1e6 / plexjs.median)))
        .append(" |\n\nReproduce, with `plexauth serve` on $PORT and the owner's token in")
        .append(" $TOKEN:\n\n```sh\n")
        .append("BENCH_URL=http://127.0.0.1:$PORT BENCH_TOKEN=$TOKEN java -jar")
        .append(" bench/target/plexauth-bench.jar 'TokenDetailsBenchmark.plexauthSdk$' -f 1 -wi 2")
        .append(" -w 1s -i 2 -r 2s   # likewise jdkHttpClient$, apacheHttpClient5$\n")
        .append("node bench/plexjs/token-details-loop.mjs http://127.0.0.1:$PORT $TOKEN 3 2 2\n")
        .append("```\n\n");
    summary.add(
        new String[] {
          "SDK getTokenDetails, per call",
          sdk.format("%.0f") + " µs",
          "raw JDK HttpClient " + jdk.format("%.0f") + " µs",
          ratio(jdkRatio),
          "≤ 1.3",
          met(jdkRatio <= 1.3)
        });
    summary.add(
        new String[] {
          "SDK getTokenDetails, per call",
          sdk.format("%.0f") + " µs",
          "Apache HttpClient 5 " + apache.format("%.0f") + " µs",
          ratio(apacheRatio),
          "(ceiling)",
          ""
        });
    summary.add(
        new String[] {
          "SDK getTokenDetails, calls/s",
          sdkCalls.format("%.0f") + "/s",
          "plexjs 0.32.1 " + plexjs.format("%.0f") + "/s",
          ratio(plexjsRatio),
          "> 1",
          met(plexjsRatio > 1)
        });
    return s.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // 4. plexauth serve: start and memory

  private String serveSection() throws IOException {
    Stats start = Stats.ofLines(read("start-plexauth.txt"));
    Stats bareStart = Stats.ofLines(read("start-bare.txt"));
    double first = Double.parseDouble(read("first-start-ms.txt").strip());
    String[] rss = read("rss-plexauth.txt").strip().split(" ");
    String[] bareRss = read("rss-bare.txt").strip().split(" ");
    double rssMib = Double.parseDouble(rss[0]) / 1024;
    double hwmMib = Double.parseDouble(rss[1]) / 1024;
    double bareRssMib = Double.parseDouble(bareRss[0]) / 1024;
    double bareHwmMib = Double.parseDouble(bareRss[1]) / 1024;
    StringBuilder s = new StringBuilder();
    s.append("## 4. `plexauth serve`: start and memory\n\n")
        .append("Time from starting `java -jar plexauth-cli/target/plexauth.jar serve` on an")
        .append(" existing data directory to the first answered request (curl polling `GET")
        .append(" /api/v2/user` every 10 ms; its 401 counts), over ")
        .append(machine.getProperty("starts"))
        .append(" starts, against `BareServer` started the same way and polled the same way.")
        .append(" The very first start, which also creates the database and the owner (one more")
        .append(" Argon2id hash), took ")
        .append(String.format(Locale.ROOT, "%.0f ms", first))
        .append(" (one sample). Resident memory is VmRSS from /proc/PID/status right after the")
        .append(" runs of item 1 (VmHWM, the peak, in brackets). Goals: under 1.5 s and under 200")
        .append(" MiB.\n\n")
        .append("| | plexauth serve | bare Javalin | ratio |\n|---|---|---|---|\n")
        .append("| first answer, ms | ")
        .append(start.format("%.0f"))
        .append(" | ")
        .append(bareStart.format("%.0f"))
        .append(" | ")
        .append(ratio(start.median / bareStart.median))
        .append(" |\n| VmRSS after item 1, MiB | ")
        .append(String.format(Locale.ROOT, "%.0f (peak %.0f)", rssMib, hwmMib))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.0f (peak %.0f)", bareRssMib, bareHwmMib))
        .append(" | ")
        .append(ratio(rssMib / bareRssMib))
        .append(" |\n\n")
        .append(proposed(start.median, rssMib))
        .append("Reproduce: `bench/run.sh` (the start loop is its item 4); by hand,")
        .append(" `time` a `java -jar plexauth-cli/target/plexauth.jar serve --data-dir DIR")
        .append(" --port PORT` until `curl http://127.0.0.1:PORT/api/v2/user` answers, and read")
        .append(" `grep VmRSS /proc/PID/status` after the wrk runs of item 1.\n\n");
    summary.add(
        new String[] {
          "`plexauth serve`, first answer",
          start.format("%.0f") + " ms",
          "bare Javalin " + bareStart.format("%.0f") + " ms",
          ratio(start.median / bareStart.median),
          "< 1500 ms",
          met(start.median < 1500)
        });
    summary.add(
        new String[] {
          "`plexauth serve`, VmRSS after item 1",
          String.format(Locale.ROOT, "%.0f MiB", rssMib),
          String.format(Locale.ROOT, "bare Javalin %.0f MiB", bareRssMib),
          ratio(rssMib / bareRssMib),
          "< 200 MiB",
          met(rssMib < 200)
        });
    return s.toString();
  }

  /** Item 4 again with the JVM options proposed for the launcher, beside the defaults' figures. */
  private String proposed(double defaultStart, double defaultRssMib) throws IOException {
    String opts = machine.getProperty("proposed_jvm_opts");
    Stats start = Stats.ofLines(read("start-proposed.txt"));
    String[] rss = read("rss-proposed.txt").strip().split(" ");
    double rssMib = Double.parseDouble(rss[0]) / 1024;
    double hwmMib = Double.parseDouble(rss[1]) / 1024;
    StringBuilder s = new StringBuilder();
    s.append("With the JVM options `")
        .append(opts)
        .append("` (a proposal for the launcher, which today passes none: not what the goals above")
        .append(" were judged on), the same `plexauth serve` on the same data, ")
        .append(machine.getProperty("proposed_starts", "3"))
        .append(" starts, then one run of item 1's load per endpoint (after the same warm-up):\n\n")
        .append("| | proposed options | launcher defaults (above) | ratio |\n|---|---|---|---|\n")
        .append("| first answer, ms | ")
        .append(start.format("%.0f"))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.0f", defaultStart))
        .append(" | ")
        .append(ratio(start.median / defaultStart))
        .append(" |\n| VmRSS after the load, MiB | ")
        .append(String.format(Locale.ROOT, "%.0f (peak %.0f)", rssMib, hwmMib))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.0f", defaultRssMib))
        .append(" | ")
        .append(ratio(rssMib / defaultRssMib))
        .append(" |\n");
    int reps = intProperty("reps");
    for (int i = 0; i < ENDPOINTS.length; i++) {
      JsonNode run = JSON.readTree(read("proposed-" + ENDPOINTS[i] + ".json"));
      Stats defaults =
          Stats.of(
              wrkRuns("http-plexauth-" + ENDPOINTS[i] + "-", reps), n -> n.get("rps").asDouble());
      double rps = run.get("rps").asDouble();
      s.append("| ")
          .append(PATHS[i])
          .append(", req/s (one run) | ")
          .append(String.format(Locale.ROOT, "%.0f", rps))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", defaults.median))
          .append(" | ")
          .append(ratio(rps / defaults.median))
          .append(" |\n");
    }
    return s.append('\n').toString();
  }

  // ---------------------------------------------------------------------------------------------

  private List<JsonNode> wrkRuns(String prefix, int reps) throws IOException {
    List<JsonNode> runs = new ArrayList<>();
    for (int rep = 1; rep <= reps; rep++) {
      runs.add(JSON.readTree(read(prefix + rep + ".json")));
    }
    return runs;
  }

  private Stats cpuPerRequest(String prefix, List<JsonNode> runs) throws IOException {
    double microsPerTick = 1e6 / intProperty("clk_tck");
    List<Double> values = new ArrayList<>();
    for (int rep = 1; rep <= runs.size(); rep++) {
      double ticks = Double.parseDouble(read(prefix + rep + ".cpu").strip());
      values.add(ticks * microsPerTick / runs.get(rep - 1).get("requests").asDouble());
    }
    return new Stats(values);
  }

  private String errors(String prefix) throws IOException {
    long errors = 0;
    long non2xx = 0;
    try (var files = Files.list(results)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".json")) {
          JsonNode run = JSON.readTree(file.toFile());
          errors += run.get("errors").asLong();
          non2xx += run.get("non2xx").asLong();
        }
      }
    }
    return errors == 0 ? "none" : errors + " (of which " + non2xx + " non-2xx)";
  }

  /** Every measured JMH iteration of a benchmark method, from the result files named prefix*. */
  private Stats jmh(String prefix, String method) throws IOException {
    List<Double> values = new ArrayList<>();
    try (var files = Files.list(results)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(".jmh.json")) {
          continue;
        }
        for (JsonNode run : JSON.readTree(file.toFile())) {
          if (run.get("benchmark").asText().endsWith("." + method)) {
            for (JsonNode fork : run.get("primaryMetric").get("rawData")) {
              for (JsonNode value : fork) {
                values.add(value.asDouble());
              }
            }
          }
        }
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException(method + " is missing from " + prefix + "*.jmh.json");
    }
    return new Stats(values);
  }

  private String read(String name) throws IOException {
    return Files.readString(results.resolve(name), StandardCharsets.UTF_8);
  }

  private int intProperty(String name) {
    return Integer.parseInt(machine.getProperty(name));
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  /** Median, min and max of repeated runs. */
  private static final class Stats {
    final List<Double> values;
    final double median;
    final double min;
    final double max;

    Stats(List<Double> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no values");
      }
      this.values = values.stream().sorted().toList();
      int n = this.values.size();
      this.median =
          n % 2 == 1
              ? this.values.get(n / 2)
              : (this.values.get(n / 2 - 1) + this.values.get(n / 2)) / 2;
      this.min = this.values.get(0);
      this.max = this.values.get(n - 1);
    }

    static Stats of(List<JsonNode> runs, ToDoubleFunction<JsonNode> value) {
      return new Stats(runs.stream().map(value::applyAsDouble).toList());
    }

    static Stats ofLines(String text) {
      return new Stats(
          text.lines().filter(l -> !l.isBlank()).map(l -> Double.parseDouble(l.strip())).toList());
    }

    /** The same runs as {@code numerator / value}, e.g. calls per second from µs per call. */
    Stats inverse(double numerator) {
      return new Stats(values.stream().map(v -> numerator / v).toList());
    }

    String format(String number) {
      return String.format(Locale.ROOT, number, median) + " " + bracket(number);
    }

    String bracket(String number) {
      return "["
          + String.format(Locale.ROOT, number, min)
          + "–"
          + String.format(Locale.ROOT, number, max)
          + "]";
    }
  }
}
