package dev.plexauth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code docs/benchmarks.md} from the raw results {@code bench/run.sh} leaves in {@code
 * bench/target/results}: each figure as the median of its repeated runs with min and max, beside
 * its baseline from the same run, their ratio and the goal. The analysis ({@code
 * bench/findings.md}, written by hand) is appended as it is.
 *
 * <pre>
 * java -cp plexauth-bench.jar dev.plexauth.bench.Report bench/target/results docs/benchmarks.md
 * </pre>
 *
 * <p>The page's words are in {@code report-template.md} beside this class; each {@code {name}} in
 * it is a figure this class computes from the results (named {@code section.figure} or {@code
 * endpoint.figure}), else a key of {@code machine.properties}.
 */
public final class Report {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Item 1's routes, every GET route that reads a token but {@code /devices.xml}, in {@code
   * bench/run.sh}'s order: the name in the result files and figures, and the route as the page
   * shows it.
   */
  private static final List<Endpoint> SERVER_ENDPOINTS =
      List.of(
          new Endpoint("user", "GET /api/v2/user"),
          new Endpoint("token", "GET /security/token"),
          new Endpoint("resources", "GET /security/resources"),
          new Endpoint("capabilities", "GET /"),
          new Endpoint("ping", "GET /api/v2/ping"),
          new Endpoint("serverResources", "GET /api/v2/resources"),
          new Endpoint("devices", "GET /api/v2/devices"),
          new Endpoint("userJwt", "GET /api/v2/user (Plex JWT)"));

  /** Item 5's routes: the first three of item 1. */
  private static final List<Endpoint> SCALE_ENDPOINTS = SERVER_ENDPOINTS.subList(0, 3);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([\\w.]+)}");

  private final Path results;
  private final Properties machine = new Properties();
  private final Map<String, String> figures = new HashMap<>();

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
    Path page = Path.of(args[1]);
    Path findings = page.toAbsolutePath().getParent().resolveSibling("bench/findings.md");
    Files.writeString(page, new Report(Path.of(args[0])).render(findings), StandardCharsets.UTF_8);
  }

  private String render(Path findings) throws IOException {
    String opts = machine.getProperty("jvm_opts", "");
    String set = machine.getProperty("plexauth_java_opts");
    if (set != null && set.startsWith("(unset")) {
      figures.put(
          "jvmOptions",
          "`"
              + opts
              + "`, the `plexauth` launcher's defaults (`PLEXAUTH_JAVA_OPTS` unset); `plexauth"
              + " serve` also with its class-data archive");
    } else {
      figures.put(
          "jvmOptions",
          opts.isEmpty()
              ? "none: `java -jar plexauth.jar serve`, as the `plexauth` launcher runs it with"
                  + " `PLEXAUTH_JAVA_OPTS` set and empty"
              : "`" + opts + "` (`PLEXAUTH_JAVA_OPTS`)");
    }
    figures.put(
        "memory", num("%.1f", Long.parseLong(machine.getProperty("memory_kib")) / 1024.0 / 1024.0));
    server();
    signIn();
    sdk();
    serve();
    scale();
    String template;
    try (InputStream in = Report.class.getResourceAsStream("report-template.md")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String page = PLACEHOLDER.matcher(template).replaceAll(p -> Matcher.quoteReplacement(fill(p)));
    return page + "\n" + (Files.exists(findings) ? Files.readString(findings) : "");
  }

  private String fill(MatchResult placeholder) {
    String name = placeholder.group(1);
    String value = figures.getOrDefault(name, machine.getProperty(name));
    if (value == null) {
      throw new IllegalStateException("report-template.md: nothing fills {" + name + "}");
    }
    return value;
  }

  /**
   * 1. Server throughput and p99: plexauth serve against the bare route, per endpoint; its rows of
   * the summary and its table.
   */
  private void server() throws IOException {
    List<String> summary = new ArrayList<>();
    List<String> table = new ArrayList<>();
    for (Endpoint endpoint : SERVER_ENDPOINTS) {
      String e = endpoint.name();
      List<JsonNode> plexauth = wrkRuns("http-plexauth-" + e + "-");
      List<JsonNode> bare = wrkRuns("http-bare-" + e + "-");
      figures.put(e + ".size", read("size-" + e + ".txt").strip());
      Stats rps = Stats.of(plexauth, "rps", 1);
      met(e + ".rps", compare(e + ".rps", rps, Stats.of(bare, "rps", 1), "%.0f") >= 0.6);
      Stats p99 = Stats.of(plexauth, "p99us", 1000);
      met(e + ".p99", compare(e + ".p99", p99, Stats.of(bare, "p99us", 1000), "%.1f") <= 3);
      Stats cpu = cpuPerRequest("http-plexauth-" + e + "-", plexauth);
      met(
          e + ".cpu",
          compare(e + ".cpu", cpu, cpuPerRequest("http-bare-" + e + "-", bare), "%.0f") <= 2);
      summary.add(goalRow(endpoint.route() + " throughput", e + ".rps", "req/s", "≥ 0.6"));
      summary.add(goalRow(endpoint.route() + " p99", e + ".p99", "ms", "≤ 3"));
      summary.add(goalRow(endpoint.route() + " CPU per request", e + ".cpu", "µs", "≤ 2"));
      table.add(
          row(
              endpoint.route(),
              figure(e + ".size"),
              figure(e + ".rps"),
              figure(e + ".rps.baseline"),
              figure(e + ".rps.ratio"),
              figure(e + ".p99"),
              figure(e + ".p99.baseline"),
              figure(e + ".p99.ratio"),
              figure(e + ".cpu"),
              figure(e + ".cpu.baseline"),
              figure(e + ".cpu.ratio")));
    }
    figures.put("server.summary", String.join("\n", summary));
    figures.put("server.table", String.join("\n", table));
    stats("lookup.store", jmh("lookup.jmh", "store"), "%.1f");
    stats("lookup.preparedEachTime", jmh("lookup.jmh", "jdbcPreparedEachTime"), "%.1f");
    stats("lookup.preparedOnce", jmh("lookup.jmh", "jdbcPreparedOnce"), "%.1f");
    figures.put("http.errors", errors("http-"));
  }

  /** 2. Sign-in under load against one Argon2id verification, the unit. */
  private void signIn() throws IOException {
    int clients = Integer.parseInt(machine.getProperty("signin_clients"));
    int cores = Integer.parseInt(machine.getProperty("cores"));
    List<JsonNode> many = wrkRuns("signin-" + clients + "-");
    List<JsonNode> one = wrkRuns("signin-1-");
    Stats p50 = stats("signIn.p50", Stats.of(many, "p50us", 1000), "%.1f");
    Stats p99 = stats("signIn.p99", Stats.of(many, "p99us", 1000), "%.1f");
    Stats rps = stats("signIn.rps", Stats.of(many, "rps", 1), "%.1f");
    Stats oneP50 = stats("signIn.one.p50", Stats.of(one, "p50us", 1000), "%.1f");
    Stats oneRps = stats("signIn.one.rps", Stats.of(one, "rps", 1), "%.1f");
    stats("signIn.one.p99", Stats.of(one, "p99us", 1000), "%.1f");
    stats("signIn.jmh", jmh("verify.jmh", "verify"), "%.1f");
    double t = stats("signIn.unit", Stats.ofLines(read("verify-in-server.txt")), "%.1f").median;
    Stats jmhAllCores = stats("signIn.jmhAllCores", jmh("verify-all-cores.jmh", "verify"), "%.1f");
    double ceiling = cores * 1000 / t;
    double hashing = cores * 1000 / jmhAllCores.median;
    double queue = (double) clients / cores * t;
    figures.put("signIn.ceiling", num("%.1f", ceiling));
    figures.put("signIn.hashing", num("%.1f", hashing));
    figures.put("signIn.perCore", String.valueOf(clients / cores));
    figures.put("signIn.queue", num("%.0f", queue));
    figures.put("signIn.errors", errors("signin-"));
    met("signIn.p50", ratio("signIn.p50", p50.median / t) <= 1.5);
    met("signIn.one.p50", ratio("signIn.one.p50", oneP50.median / t) <= 1.5);
    ratio("signIn.rps", rps.median / ceiling);
    met("signIn.rps", ratio("signIn.hashing", rps.median / hashing) >= 0.8);
    ratio("signIn.p99", p99.median / t);
    ratio("signIn.one.rps", oneRps.median / (1000 / t));
    ratio("signIn.queue", p50.median / queue);
  }

  /** 3. The SDK's getTokenDetails against the raw JDK client, Apache HttpClient 5 and plexjs. */
  private void sdk() throws IOException {
    Stats sdk = stats("sdk.plexauth", jmh("sdk-", "plexauthSdk"), "%.0f");
    Stats jdk = stats("sdk.jdk", jmh("sdk-", "jdkHttpClient"), "%.0f");
    Stats apache = stats("sdk.apache", jmh("sdk-", "apacheHttpClient5"), "%.0f");
    List<JsonNode> plexjsRuns = new ArrayList<>();
    for (String line : read("plexjs.jsonl").split("\n")) {
      if (!line.isBlank()) {
        plexjsRuns.add(JSON.readTree(line));
      }
    }
    Stats plexjs = stats("sdk.plexjs.calls", Stats.of(plexjsRuns, "callsPerSecond", 1), "%.0f");
    Stats sdkCalls = stats("sdk.plexauth.calls", sdk.inverse(1e6), "%.0f");
    stats("sdk.jdk.calls", jdk.inverse(1e6), "%.0f");
    stats("sdk.apache.calls", apache.inverse(1e6), "%.0f");
    stats("sdk.plexjs", plexjs.inverse(1e6), "%.0f");
    met("sdk.jdk", ratio("sdk.jdk", sdk.median / jdk.median) <= 1.3);
    met("sdk.plexjs", ratio("sdk.plexjs", sdkCalls.median / plexjs.median) > 1);
    ratio("sdk.apache", sdk.median / apache.median);
    ratio("sdk.apache.toJdk", apache.median / jdk.median);
    ratio("sdk.plexjs.toJdk", jdk.median / (1e6 / plexjs.median));
  }

  /** 4. Time to first answer and resident memory, with the launcher's JVM options. */
  private void serve() throws IOException {
    Stats start = Stats.ofLines(read("start-plexauth.txt"));
    compare("serve.start", start, Stats.ofLines(read("start-bare.txt")), "%.0f");
    met("serve.start", start.median <= 1000);
    figures.put("serve.first", num("%.0f", Double.parseDouble(read("first-start-ms.txt").strip())));
    double rss = memory("serve.rss", "rss-plexauth.txt");
    met("serve.rss", rss <= 150);
    ratio("serve.rss", rss / memory("serve.rss.baseline", "rss-bare.txt"));
    memory("serve.rss.signin", "rss-plexauth-signin.txt");
  }

  /**
   * 5. The token routes on a large database against a small one, per database; sign-in with the
   * large number of accounts against item 2's. Rows for the databases the run filled, and a line
   * saying so when it filled none.
   */
  private void scale() throws IOException {
    StringBuilder summary = new StringBuilder();
    StringBuilder table = new StringBuilder();
    StringBuilder fills = new StringBuilder();
    for (String db : new String[] {"sqlite", "postgresql"}) {
      if (!Files.exists(results.resolve("fill-" + db + "-large.txt"))) {
        continue;
      }
      String name = db.equals("sqlite") ? "SQLite" : "PostgreSQL";
      fills.append(
          String.format(
              Locale.ROOT,
              "%s%s: %s s for the large database, %s s for the small one",
              fills.length() == 0 ? "" : "; ",
              name,
              fillSeconds(db + "-large"),
              fillSeconds(db + "-small")));
      for (Endpoint endpoint : SCALE_ENDPOINTS) {
        String e = endpoint.name();
        String f = "scale." + db + "." + e;
        List<JsonNode> large = wrkRuns("scale-" + db + "-large-" + e + "-");
        List<JsonNode> small = wrkRuns("scale-" + db + "-small-" + e + "-");
        double rpsRatio =
            compare(f + ".rps", Stats.of(large, "rps", 1), Stats.of(small, "rps", 1), "%.0f");
        compare(f + ".p99", Stats.of(large, "p99us", 1000), Stats.of(small, "p99us", 1000), "%.1f");
        compare(
            f + ".cpu",
            cpuPerRequest("scale-" + db + "-large-" + e + "-", large),
            cpuPerRequest("scale-" + db + "-small-" + e + "-", small),
            "%.0f");
        summary
            .append(
                row(
                    endpoint.route() + " throughput, " + name + ", large database",
                    figure(f + ".rps") + " req/s",
                    "small database " + figure(f + ".rps.baseline") + " req/s",
                    figure(f + ".rps.ratio"),
                    "≥ 0.9",
                    rpsRatio >= 0.9 ? "yes" : "**no**"))
            .append('\n');
        table
            .append(
                row(
                    name,
                    endpoint.route(),
                    figure(f + ".rps"),
                    figure(f + ".rps.baseline"),
                    figure(f + ".rps.ratio"),
                    figure(f + ".p99"),
                    figure(f + ".p99.baseline"),
                    figure(f + ".p99.ratio"),
                    figure(f + ".cpu"),
                    figure(f + ".cpu.baseline"),
                    figure(f + ".cpu.ratio")))
            .append('\n');
      }
    }
    int clients = Integer.parseInt(machine.getProperty("signin_clients"));
    if (Files.exists(results.resolve("signin-scale-" + clients + "-1.json"))) {
      double ratio =
          compare(
              "scale.signIn.rps",
              Stats.of(wrkRuns("signin-scale-" + clients + "-"), "rps", 1),
              Stats.of(wrkRuns("signin-" + clients + "-"), "rps", 1),
              "%.1f");
      summary.append(
          String.format(
              "| sign-in throughput, %d clients, %s accounts | %s/s | %d accounts (item 2) %s/s |"
                  + " %s | ≥ 0.9 | %s |%n",
              clients,
              machine.getProperty("scale_accounts"),
              figures.get("scale.signIn.rps"),
              clients,
              figures.get("scale.signIn.rps.baseline"),
              figures.get("scale.signIn.rps.ratio"),
              ratio >= 0.9 ? "yes" : "**no**"));
    }
    figures.put("scale.summary", summary.toString());
    figures.put(
        "scale.table",
        table.length() == 0
            ? "Not measured in this run.\n"
            : "| database | endpoint | large req/s | small req/s | ratio | large p99 ms | small p99 ms"
                + " | ratio | large CPU µs/req | small CPU µs/req | ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n"
                + table);
    figures.put("scale.fill", fills.length() == 0 ? "not measured in this run" : fills.toString());
  }

  /** The seconds of a FillDatabase line: "filled A accounts and T tokens in S s". */
  private String fillSeconds(String name) throws IOException {
    String line = read("fill-" + name + ".txt").strip();
    return line.substring(line.lastIndexOf(" in ") + 4, line.length() - 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Figures: {name} is median [min–max], {name.median} and {name.range} its parts; {name.ratio}
  // and {name.met} the ratio to a baseline and whether it meets the goal.

  private Stats stats(String name, Stats stats, String format) {
    String median = num(format, stats.median);
    String min = num(format, stats.sorted.get(0));
    String range = "[" + min + "–" + num(format, stats.sorted.get(stats.sorted.size() - 1)) + "]";
    figures.put(name, median + " " + range);
    figures.put(name + ".median", median);
    figures.put(name + ".range", range);
    return stats;
  }

  /** The stats of name and of name.baseline, and their ratio. */
  private double compare(String name, Stats measured, Stats baseline, String format) {
    stats(name, measured, format);
    stats(name + ".baseline", baseline, format);
    return ratio(name, measured.median / baseline.median);
  }

  private double ratio(String name, double ratio) {
    figures.put(name + ".ratio", num("%.2f", ratio));
    return ratio;
  }

  private void met(String name, boolean met) {
    figures.put(name + ".met", met ? "yes" : "**no**");
  }

  /** A figure computed above; a name nothing computed is a mistake in this class. */
  private String figure(String name) {
    String value = figures.get(name);
    if (value == null) {
      throw new IllegalStateException("no figure " + name);
    }
    return value;
  }

  /**
   * A row of the summary for name against its baseline, with the ratio, the goal and whether it is
   * met: {@code | what | name unit | bare route name.baseline unit | ratio | goal | met |}.
   */
  private String goalRow(String what, String name, String unit, String goal) {
    return row(
        what,
        figure(name) + " " + unit,
        "bare route " + figure(name + ".baseline") + " " + unit,
        figure(name + ".ratio"),
        goal,
        figure(name + ".met"));
  }

  /** A Markdown table row of the cells, without its line end. */
  private static String row(String... cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  /** VmRSS in MiB as name, VmHWM as name.peak, from a file holding the two in KiB. */
  private double memory(String name, String file) throws IOException {
    String[] kib = read(file).strip().split(" ");
    figures.put(name + ".peak", num("%.0f", Double.parseDouble(kib[1]) / 1024));
    double rss = Double.parseDouble(kib[0]) / 1024;
    figures.put(name, num("%.0f", rss));
    return rss;
  }

  private List<JsonNode> wrkRuns(String prefix) throws IOException {
    List<JsonNode> runs = new ArrayList<>();
    for (int rep = 1; rep <= Integer.parseInt(machine.getProperty("reps")); rep++) {
      runs.add(JSON.readTree(read(prefix + rep + ".json")));
    }
    return runs;
  }

  private Stats cpuPerRequest(String prefix, List<JsonNode> runs) throws IOException {
    double microsPerTick = 1e6 / Integer.parseInt(machine.getProperty("clk_tck"));
    List<Double> values = new ArrayList<>();
    for (int rep = 1; rep <= runs.size(); rep++) {
      double ticks = Double.parseDouble(read(prefix + rep + ".cpu").strip());
      values.add(ticks * microsPerTick / runs.get(rep - 1).get("requests").asDouble());
    }
    return Stats.of(values);
  }

  private String errors(String prefix) throws IOException {
    long errors = 0;
    long non2xx = 0;
    for (Path file : files(prefix, ".json")) {
      JsonNode run = JSON.readTree(file.toFile());
      errors += run.get("errors").asLong();
      non2xx += run.get("non2xx").asLong();
    }
    return errors == 0 ? "none" : errors + " (of which " + non2xx + " non-2xx)";
  }

  /** Every measured JMH iteration of a benchmark method, from the result files named prefix*. */
  private Stats jmh(String prefix, String method) throws IOException {
    List<Double> values = new ArrayList<>();
    for (Path file : files(prefix, ".jmh.json")) {
      for (JsonNode run : JSON.readTree(file.toFile())) {
        if (run.get("benchmark").asText().endsWith("." + method)) {
          for (JsonNode fork : run.get("primaryMetric").get("rawData")) {
            fork.forEach(value -> values.add(value.asDouble()));
          }
        }
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException(method + " is missing from " + prefix + "*.jmh.json");
    }
    return Stats.of(values);
  }

  private List<Path> files(String prefix, String suffix) throws IOException {
    try (var files = Files.list(results)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .toList();
    }
  }

  private String read(String name) throws IOException {
    return Files.readString(results.resolve(name), StandardCharsets.UTF_8);
  }

  private static String num(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  /**
   * A route of item 1 (and of item 5): its name in the result files and figures, and the route as
   * the page shows it.
   */
  private record Endpoint(String name, String route) {}

  /** Repeated runs, sorted, and their median. */
  private record Stats(List<Double> sorted, double median) {

    static Stats of(List<Double> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no values");
      }
      List<Double> v = values.stream().sorted().toList();
      int n = v.size();
      return new Stats(v, n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    }

    static Stats of(List<JsonNode> runs, String field, double divisor) {
      return of(runs.stream().map(run -> run.get(field).asDouble() / divisor).toList());
    }

    static Stats ofLines(String text) {
      return of(
          text.lines().filter(l -> !l.isBlank()).map(l -> Double.parseDouble(l.strip())).toList());
    }

    /** The same runs as {@code numerator / value}, e.g. calls per second from µs per call. */
    Stats inverse(double numerator) {
      return of(sorted.stream().map(v -> numerator / v).toList());
    }
  }
}
