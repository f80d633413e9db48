package dev.mlops.examples;

import dev.mlops.core.ValueType;
import dev.mlops.core.artifact.ArtifactRef;
import dev.mlops.core.artifact.ArtifactStore;
import dev.mlops.core.jdbc.Database;
import dev.mlops.core.lineage.LineageStore;
import dev.mlops.examples.fraud.CustomerStats;
import dev.mlops.examples.fraud.FeatureStoreTrainingData;
import dev.mlops.examples.fraud.FraudData;
import dev.mlops.examples.fraud.FraudModel;
import dev.mlops.examples.fraud.SimulatedClock;
import dev.mlops.examples.fraud.Transaction;
import dev.mlops.examples.fraud.TransactionSimulator;
import dev.mlops.examples.fraud.WebhookReceiver;
import dev.mlops.featurestore.Entity;
import dev.mlops.featurestore.FeatureRegistry;
import dev.mlops.featurestore.FeatureService;
import dev.mlops.featurestore.FeatureStore;
import dev.mlops.featurestore.FeatureView;
import dev.mlops.featurestore.Materialization;
import dev.mlops.featurestore.OfflineStore;
import dev.mlops.featurestore.OnDemandFeatureView;
import dev.mlops.featurestore.OnlineFeatures;
import dev.mlops.featurestore.OnlineStore;
import dev.mlops.featurestore.PushMode;
import dev.mlops.monitoring.alert.AlertManager;
import dev.mlops.monitoring.alert.AlertRule;
import dev.mlops.monitoring.alert.Condition;
import dev.mlops.monitoring.alert.Labels;
import dev.mlops.monitoring.alert.LogNotifier;
import dev.mlops.monitoring.alert.Receiver;
import dev.mlops.monitoring.alert.Route;
import dev.mlops.monitoring.alert.Series;
import dev.mlops.monitoring.alert.Severity;
import dev.mlops.monitoring.alert.WebhookNotifier;
import dev.mlops.monitoring.drift.Dataset;
import dev.mlops.monitoring.drift.DriftDetector;
import dev.mlops.monitoring.drift.DriftReport;
import dev.mlops.monitoring.performance.Label;
import dev.mlops.monitoring.performance.Metric;
import dev.mlops.monitoring.performance.PerformanceQuery;
import dev.mlops.monitoring.performance.PerformanceReport;
import dev.mlops.monitoring.performance.PredictionLog;
import dev.mlops.monitoring.performance.PredictionMonitor;
import dev.mlops.monitoring.performance.PredictionOutput;
import dev.mlops.monitoring.performance.PredictionRange;
import dev.mlops.monitoring.performance.WindowPerformance;
import dev.mlops.monitoring.retrain.Candidate;
import dev.mlops.monitoring.retrain.ChangeThreshold;
import dev.mlops.monitoring.retrain.ContinuousTraining;
import dev.mlops.monitoring.retrain.RetrainingResult;
import dev.mlops.monitoring.retrain.ValidationGate;
import dev.mlops.monitoring.retrain.ValueThreshold;
import dev.mlops.registry.model.LiveModel;
import dev.mlops.registry.model.ModelRegistry;
import dev.mlops.registry.model.ModelRegistryStore;
import dev.mlops.registry.model.ModelVersion;
import dev.mlops.registry.tracking.DatasetInput;
import dev.mlops.registry.tracking.Run;
import dev.mlops.registry.tracking.Tracker;
import dev.mlops.registry.tracking.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The end-to-end example: a card-fraud model on the embedded default (an H2 file under the data
 * directory), from features to retraining.
 *
 * <ol>
 *   <li>Synthetic transactions from a seeded {@link java.util.SplittableRandom}; from a given day the
 *       amounts grow, the merchant mix moves online and fraud turns into card testing.</li>
 *   <li>Feature store: a {@code customer} entity, the {@code customer_stats} view (7-day mean amount and
 *       count), an on-demand {@code amount_ratio}; history pushed offline and materialized online; the
 *       training set by point-in-time join, written as Arrow IPC with its digest.</li>
 *   <li>A Tribuo logistic regression, stored as Tribuo protobuf.</li>
 *   <li>The run tracked (params, metrics, model, dataset digest); the version registered and made
 *       {@code champion}.</li>
 *   <li>A service loop: online features, the {@link LiveModel}, the {@link PredictionMonitor}; labels
 *       (chargebacks) arrive a day later.</li>
 *   <li>Daily drift reports against the training data; an alert rule on the drift share, delivered to
 *       the log, to a webhook on 127.0.0.1 and to {@link ContinuousTraining}, which retrains from the
 *       feature store, gates the candidate against the champion, and promotes it; the live model
 *       swaps.</li>
 * </ol>
 *
 * <p>Time is a {@link SimulatedClock} passed to every component. Each run continues the simulation
 * 30 days after the data already in the store, so the program can run again on the same directory.
 *
 * <p>Run with {@code mvn -B -q -pl examples -am package -DskipTests exec:exec
 * -Dexample.main=dev.mlops.examples.FraudDetection}; the first argument is the data directory
 * (default {@code mlops-data}).
 */
public final class FraudDetection {

    static final String MODEL = "fraud-detection";
    static final String ALIAS = "champion";
    static final long SEED = 20_240_601L;
    static final int CUSTOMERS = 500;
    static final int HISTORY_DAYS = 21;
    static final int SERVING_DAYS = 14;
    static final int DRIFT_DAY = 25;
    static final Instant FIRST_START = Instant.parse("2026-01-01T00:00:00Z");

    static final Entity CUSTOMER = Entity.of("customer", "customer_id", ValueType.INT64);
    static final FeatureView CUSTOMER_STATS = FeatureView.builder("customer_stats")
            .entity(CUSTOMER)
            .feature("avg_amount", ValueType.FLOAT64)
            .feature("txn_count_7d", ValueType.INT64)
            .ttl(Duration.ofDays(2))
            .build();
    static final OnDemandFeatureView AMOUNT_RATIO = OnDemandFeatureView.builder("amount_ratio")
            .requestField("amount", ValueType.FLOAT64)
            .source("customer_stats:avg_amount")
            .output("ratio", ValueType.FLOAT64)
            .transformation(in -> {
                Object avg = in.get("customer_stats__avg_amount");
                double amount = (Double) in.get("amount");
                return Map.of("ratio", avg == null || (Double) avg <= 0 ? 1.0 : amount / (Double) avg);
            })
            .build();
    static final FeatureService FRAUD_FEATURES = FeatureService.of("fraud_features",
            "customer_stats:avg_amount", "customer_stats:txn_count_7d", "amount_ratio:ratio");

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "mlops-data").toAbsolutePath().normalize();
        long wallStart = System.nanoTime();
        System.out.println("fraud detection, end to end; data in " + dataDir);
        SimulatedClock clock = new SimulatedClock(FIRST_START);
        try (Database db = Database.embedded(dataDir)) {
            LineageStore lineage = LineageStore.jdbc(db, clock);
            try (FeatureStore fs = FeatureStore.builder()
                    .registry(FeatureRegistry.jdbc(db))
                    .onlineStore(OnlineStore.jdbc(db))
                    .offlineStore(OfflineStore.jdbc(db))
                    .lineage(lineage)
                    .clock(clock)
                    .build()) {
                new FraudDetection(dataDir, db, fs, lineage, clock).run();
            }
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - wallStart) / 1e9);
    }

    private final Path dataDir;
    private final FeatureStore fs;
    private final SimulatedClock clock;
    private final ArtifactStore artifacts;
    private final Tracker tracker;
    private final ModelRegistry registry;
    private final PredictionLog predictionLog;
    private final List<Transaction> labelled = new CopyOnWriteArrayList<>();

    private FraudDetection(Path dataDir, Database db, FeatureStore fs, LineageStore lineage, SimulatedClock clock) {
        this.dataDir = dataDir;
        this.fs = fs;
        this.clock = clock;
        this.artifacts = ArtifactStore.jdbc(db);
        this.tracker = Tracker.builder(TrackingStore.jdbc(db, clock)).artifactStore(artifacts).clock(clock).build();
        this.registry = ModelRegistry.builder(ModelRegistryStore.jdbc(db, clock), artifacts)
                .trackingStore(tracker.store()).lineage(lineage).actor("fraud-example").build();
        this.predictionLog = PredictionLog.jdbc(db);
    }

    private void run() throws Exception {
        // 1. Where this run's simulated month starts: after whatever an earlier run left in the store.
        fs.apply(CUSTOMER, CUSTOMER_STATS, AMOUNT_RATIO, FRAUD_FEATURES);
        Instant start = fs.statistics(CUSTOMER_STATS.name()).latestEventTimestamp()
                .map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(30)))
                .orElse(FIRST_START);
        clock.set(start);
        TransactionSimulator sim = new TransactionSimulator(SEED, CUSTOMERS, start, DRIFT_DAY);
        System.out.printf("[1] simulation: %d customers, seed %d, %s to %s; history days 0-%d, serving days %d-%d, "
                + "drift from day %d (%s)%n", CUSTOMERS, SEED, date(start), date(sim.dayStart(HISTORY_DAYS + SERVING_DAYS)),
                HISTORY_DAYS - 1, HISTORY_DAYS, HISTORY_DAYS + SERVING_DAYS - 1, DRIFT_DAY, date(sim.dayStart(DRIFT_DAY)));

        // 2. History: a daily batch job computes customer stats and pushes them offline; then materialize.
        CustomerStats stats = new CustomerStats(CUSTOMERS);
        List<Transaction> history = new ArrayList<>();
        List<Map<String, Object>> statRows = new ArrayList<>();
        for (int day = 0; day < HISTORY_DAYS; day++) {
            List<Transaction> txns = sim.day(day);
            history.addAll(txns);
            stats.addAll(txns);
            statRows.addAll(stats.rowsAsOf(sim.dayStart(day + 1)));
        }
        Instant servingStart = sim.dayStart(HISTORY_DAYS);
        clock.set(servingStart);
        fs.push(CUSTOMER_STATS.name(), statRows, PushMode.OFFLINE);
        List<Materialization> mats = fs.materialize(start, servingStart);
        long frauds = history.stream().filter(Transaction::fraud).count();
        System.out.printf("[2] feature store: %d transactions (%d fraud, %.2f %%), %d customer_stats rows pushed offline;"
                + "%n    materialized online %s%n", history.size(), frauds, 100.0 * frauds / history.size(), statRows.size(),
                mats.stream().map(m -> m.view() + " v" + m.version() + ": " + m.rows() + " rows, "
                        + date(m.interval().start()) + " to " + date(m.interval().end())).toList());

        // Labels of the history are known up to the day before serving (chargebacks take a day).
        Instant labelledUntil = sim.dayStart(HISTORY_DAYS - 1);
        history.stream().filter(t -> t.time().isBefore(labelledUntil)).forEach(labelled::add);
        Path trainingDir = dataDir.resolve("training");
        FeatureStoreTrainingData initialData = new FeatureStoreTrainingData(fs, FRAUD_FEATURES, () -> labelled,
                trainingDir, Duration.ofDays(HISTORY_DAYS), Duration.ofDays(36_500));
        FraudData data = initialData.build(List.copyOf(labelled), servingStart, "fraud-train-");
        System.out.printf("    training set (point-in-time join): %d rows -> %s%n        digest %s; train %d rows, "
                + "holdout %d rows (last labelled day)%n", data.train().size() + data.holdout().size(),
                dataDir.relativize(data.file()), data.digest(), data.train().size(), data.holdout().size());

        // 3 + 4. Train, track, register, promote.
        FraudModel model = FraudModel.train(data.train(), null);
        double auc = model.auc(data.holdout());
        byte[] bytes = model.toBytes();
        Run run = tracker.newRun(MODEL).name("lr-initial-" + date(servingStart)).seed(SEED)
                .input(DatasetInput.of("fraud-training-set", data.digest(), data.file().toString()).withContext("training"))
                .call(r -> {
                    r.logParams(Map.of("trainer", "tribuo LogisticRegressionTrainer", "epochs", "5",
                            "train_rows", Integer.toString(data.train().size())));
                    r.logMetric("auc", auc);
                    r.logArtifact("model/model.tribuo.pb", bytes);
                    return r.snapshot();
                });
        ArtifactRef ref = artifacts.put(bytes, FraudModel.MEDIA_TYPE);
        ModelVersion v = registry.registerVersion(MODEL, run.id(), ref, FraudModel.SIGNATURE);
        registry.setAlias(MODEL, ALIAS, v.version());
        System.out.printf("[3] trained Tribuo logistic regression: holdout AUC %.3f, model %d bytes (protobuf)%n", auc,
                bytes.length);
        System.out.printf("[4] run %s tracked; registered %s v%d and set @%s%n", run.id(), MODEL, v.version(), ALIAS);

        // 5 + 6. Serve, monitor, detect drift, alert, retrain, swap.
        serve(sim, stats, data);
    }

    private void serve(TransactionSimulator sim, CustomerStats stats, FraudData initial) throws Exception {
        // Reference: the last week of the training data (earlier days lack a full 7-day customer history).
        Instant referenceFrom = sim.dayStart(HISTORY_DAYS - 8);
        Dataset[] reference = {driftDataset(initial.train().stream()
                .filter(r -> !((Instant) r.get("event_timestamp")).isBefore(referenceFrom)).toList())};
        Series driftShare = Series.create("feature_drift_share", Duration.ofDays(2));
        List<RetrainingResult> results = new CopyOnWriteArrayList<>();
        Map<Integer, List<Map<String, Object>>> servedByDay = new HashMap<>();
        Map<Integer, List<Transaction>> txnsByDay = new HashMap<>();
        Map<LocalDate, String> versionByDay = new TreeMap<>();
        Map<LocalDate, Double> driftByDay = new TreeMap<>();
        Map<LocalDate, Long> fraudsByDay = new TreeMap<>();
        // Evidently's per-column tests; the dataset drifts when 2 of the 5 monitored columns do.
        DriftDetector detector = DriftDetector.builder().driftShare(0.4).build();
        double[] lastEvaluation = new double[3];
        ValidationGate gate = ValidationGate.builder()
                .valueThreshold("auc", ValueThreshold.atLeast(0.70))
                .changeThreshold("auc", ChangeThreshold.higherIsBetter().absolute(0.01))
                .build();
        ContinuousTraining<FraudData> ct = ContinuousTraining.<FraudData>builder()
                .registry(registry).tracker(tracker).model(MODEL).alias(ALIAS).experiment(MODEL + "-retraining")
                .data(new FeatureStoreTrainingData(fs, FRAUD_FEATURES, () -> labelled, dataDir.resolve("training"),
                        Duration.ofDays(8), Duration.ofDays(1)))
                .trainer((d, context) -> {
                    FraudModel candidate = FraudModel.train(d.train(), d.weights());
                    double candidateAuc = candidate.auc(d.holdout());
                    double championAuc = FraudModel.fromBytes(context.championModel().orElseThrow()).auc(d.holdout());
                    lastEvaluation[0] = d.holdout().size();
                    lastEvaluation[1] = candidateAuc;
                    lastEvaluation[2] = championAuc;
                    context.run().logParams(Map.of("trainer", "tribuo LogisticRegressionTrainer",
                            "train_rows", Integer.toString(d.train().size()), "weight_half_life_days", "1"));
                    context.run().logArtifact("model/model.tribuo.pb", candidate.toBytes());
                    return new Candidate(candidate.toBytes(), FraudModel.MEDIA_TYPE, FraudModel.SIGNATURE,
                            Map.of("auc", candidateAuc), Map.of("auc", championAuc));
                })
                .gate(gate)
                .clock(clock)
                .cooldown(Duration.ofDays(7))
                .build();
        ct.onResult(results::add);

        try (WebhookReceiver receiver = WebhookReceiver.start();
             PredictionMonitor monitor = PredictionMonitor.builder().predictionLog(predictionLog).clock(clock).build();
             LiveModel<FraudModel> live = registry.liveModel(MODEL, ALIAS, FraudModel.loader())
                     .executor(Runnable::run)
                     .scheduler((task, interval) -> () -> { })   // the example refreshes by hand after a promotion
                     .build();
             AlertManager alerts = AlertManager.builder()
                     .clock(clock)
                     .rule(AlertRule.builder("FeatureDrift")
                             .when(driftShare, Condition.atLeast(0.4))
                             .forDuration(Duration.ofDays(3))
                             .severity(Severity.WARNING)
                             .annotation("summary", "drift share {{ $value }} on {{ $labels.model }}")
                             .build())
                     .route(Route.builder()
                             .receiver(Receiver.of("ml-team", LogNotifier.create(),
                                     WebhookNotifier.builder(receiver.url()).build(), ct.asNotifier()))
                             .groupBy("alertname", "model")
                             .build())
                     .build()) {
            System.out.printf("[5] serving %s v%d (LiveModel following @%s); webhook receiver on %s%n", MODEL,
                    live.loaded().version().version(), ALIAS, receiver.url());
            int webhookSeen = 0;
            String alertState = "INACTIVE";
            for (int day = HISTORY_DAYS; day < HISTORY_DAYS + SERVING_DAYS; day++) {
                Instant dayStart = sim.dayStart(day);
                clock.set(dayStart);
                // Yesterday's chargebacks arrive.
                List<Transaction> yesterday = txnsByDay.getOrDefault(day - 1, List.of());
                for (Transaction t : yesterday) {
                    monitor.recordLabel(t.id(), Label.of(t.fraud()), dayStart);
                    labelled.add(t);
                }
                List<Transaction> txns = sim.day(day);
                txnsByDay.put(day, txns);
                fraudsByDay.put(date(dayStart), txns.stream().filter(Transaction::fraud).count());
                List<Map<String, Object>> served = new ArrayList<>(txns.size());
                versionByDay.put(date(dayStart), "v" + live.loaded().version().version());
                for (int hour = 0; hour < 24; hour++) {
                    int h = hour;
                    List<Transaction> batch = txns.stream().filter(t -> t.hour() == h).toList();
                    if (batch.isEmpty()) {
                        continue;
                    }
                    clock.set(dayStart.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(59)));
                    List<Map<String, Object>> requests = batch.stream()
                            .map(t -> Map.<String, Object>of("customer_id", t.customerId(), "amount", t.amount())).toList();
                    OnlineFeatures features = fs.getOnlineFeatures(FRAUD_FEATURES, requests);
                    LiveModel.Loaded<FraudModel> current = live.loaded();
                    var logger = monitor.logger(MODEL, Integer.toString(current.version().version()));
                    for (int i = 0; i < batch.size(); i++) {
                        Transaction t = batch.get(i);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("amount", t.amount());
                        row.put("merchant", t.merchant());
                        row.put("hour", t.hour());
                        for (String f : List.of("avg_amount", "txn_count_7d", "ratio")) {
                            Object value = features.value(i, f);
                            if (value != null) {
                                row.put(f, value);
                            }
                        }
                        double p = current.model().score(row);
                        logger.log(t.id(), row, PredictionOutput.probability(p), t.merchant());
                        served.add(row);
                    }
                }
                servedByDay.put(day, served);
                stats.addAll(txns);

                // End of day: fresh customer stats to both stores, then the drift job and the alert manager.
                Instant dayEnd = sim.dayStart(day + 1);
                clock.set(dayEnd);
                fs.push(CUSTOMER_STATS.name(), stats.rowsAsOf(dayEnd), PushMode.ONLINE_AND_OFFLINE);
                clock.set(dayEnd.plus(Duration.ofMinutes(5)));
                List<Map<String, Object>> window = new ArrayList<>(served);
                window.addAll(servedByDay.getOrDefault(day - 1, List.of()));
                DriftReport report = detector.compare(reference[0], driftDataset(window));
                driftByDay.put(date(dayStart), report.driftShare());
                driftShare.record(Labels.of("model", MODEL), report.driftShare(), clock.instant());
                System.out.printf("    day %d %s  %s  %5d predictions  drift share %.2f %s%n", day, date(dayStart),
                        sim.drifted(day) ? "drifted" : "normal ", served.size(), report.driftShare(),
                        report.driftedColumnNames());
                int before = results.size();
                for (int k = 0; k < 3; k++) {                 // evaluation, then the group's first flush (group_wait 30 s)
                    alerts.tick();
                    clock.advance(Duration.ofMinutes(1));
                }
                String state = alerts.alerts().stream().filter(a -> a.ruleName().equals("FeatureDrift"))
                        .map(a -> a.state().name()).findFirst().orElse("INACTIVE");
                if (!state.equals(alertState)) {
                    System.out.println("    alert FeatureDrift: " + alertState + " -> " + state);
                    alertState = state;
                }
                List<String> posts = receiver.received();
                for (String post : posts.subList(webhookSeen, posts.size())) {
                    System.out.println("    webhook received: " + post);
                }
                webhookSeen = posts.size();
                for (RetrainingResult r : results.subList(before, results.size())) {
                    Path html = dataDir.resolve("reports").resolve("drift-" + date(dayStart) + ".html");
                    Files.createDirectories(html.getParent());
                    Files.writeString(html, report.toHtml("fraud-detection: features served " + date(sim.dayStart(day - 1))
                            + " to " + date(dayStart) + " vs training data"));
                    System.out.printf("[6] alert FeatureDrift fired (drift share %.2f >= 0.4 for 3 days); drift report "
                            + "%s%n", report.driftShare(), dataDir.relativize(html));
                    System.out.printf("    retraining (%s): %s%s%s%n", r.trigger(), r.status(),
                            r.version().map(x -> ", registered v" + x.version()).orElse(""),
                            r.gate().map(g -> g.passed() ? ", gate passed" : ", gate failed " + g.reasons()).orElse("")
                                    + r.error().map(e -> ", error " + e).orElse(""));
                    System.out.printf("    on the last labelled day (%.0f rows): candidate AUC %.3f, champion AUC %.3f%n",
                            lastEvaluation[0], lastEvaluation[1], lastEvaluation[2]);
                    if (r.status() == RetrainingResult.Status.PROMOTED) {
                        int old = live.loaded().version().version();
                        live.refresh().join();
                        System.out.printf("    LiveModel hot-swapped: v%d -> v%d%n", old, live.loaded().version().version());
                        reference[0] = driftDataset(window);      // the new normal is the reference from now on
                    }
                }
            }
            // The last day's chargebacks, so that every window of the report is labelled.
            Instant end = sim.dayStart(HISTORY_DAYS + SERVING_DAYS);
            clock.set(end);
            for (Transaction t : txnsByDay.get(HISTORY_DAYS + SERVING_DAYS - 1)) {
                monitor.recordLabel(t.id(), Label.of(t.fraud()), end);
            }
            monitor.flush(Duration.ofSeconds(30));
            printPerformance(monitor, sim, versionByDay, driftByDay, fraudsByDay);
            System.out.printf("[7] alerts delivered to the webhook: %d; retrainings: %s%n", receiver.received().size(),
                    results.stream().map(r -> r.status().name()).toList());
        }
    }

    private void printPerformance(PredictionMonitor monitor, TransactionSimulator sim, Map<LocalDate, String> versions,
            Map<LocalDate, Double> drift, Map<LocalDate, Long> frauds) {
        PerformanceReport report = monitor.performance(PerformanceQuery.of(PredictionRange.of(MODEL,
                sim.dayStart(HISTORY_DAYS), sim.dayStart(HISTORY_DAYS + SERVING_DAYS)), Duration.ofDays(1)));
        System.out.println("    daily performance from the prediction monitor (labels joined late):");
        System.out.println("      day         model  predictions  labelled  frauds  ROC AUC  drift share");
        for (WindowPerformance w : report.windows()) {
            LocalDate d = date(w.start());
            OptionalDouble roc = w.overall().metric(Metric.ROC_AUC);
            System.out.printf("      %s  %-5s  %11d  %7.0f%%  %6d  %7s  %11.2f%n", d, versions.get(d),
                    w.overall().predictions(), 100 * w.overall().coverage(), frauds.get(d),
                    roc.isPresent() ? String.format("%.3f", roc.getAsDouble()) : "-", drift.getOrDefault(d, Double.NaN));
        }
    }

    private static Dataset driftDataset(List<Map<String, Object>> rows) {
        int n = rows.size();
        double[] amount = new double[n];
        double[] ratio = new double[n];
        double[] count = new double[n];
        double[] hour = new double[n];
        String[] merchant = new String[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = rows.get(i);
            amount[i] = ((Number) r.get("amount")).doubleValue();
            Object rt = r.get("ratio");
            ratio[i] = rt == null ? 1.0 : ((Number) rt).doubleValue();
            Object c = r.get("txn_count_7d");
            count[i] = c == null ? 0.0 : ((Number) c).doubleValue();
            hour[i] = ((Number) r.get("hour")).doubleValue();
            merchant[i] = (String) r.get("merchant");
        }
        return Dataset.builder().numeric("amount", amount).numeric("ratio", ratio).numeric("txn_count_7d", count)
                .numeric("hour", hour).categorical("merchant", merchant).build();
    }

    private static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
