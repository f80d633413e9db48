package dev.mlops.examples.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic card transactions, reproducible from a seed, with concept and data drift from a given
 * day on: amounts grow, the merchant mix moves online, and fraud changes from large night-time
 * purchases of electronics and travel to card testing (many small online and crypto payments).
 *
 * <p>Not thread-safe: one simulator produces one stream of days.
 */
public final class TransactionSimulator {

    static final String[] MERCHANTS = {"grocery", "restaurant", "fuel", "travel", "electronics", "online", "crypto"};
    private static final double[] MIX_BEFORE = {0.32, 0.22, 0.15, 0.06, 0.07, 0.16, 0.02};
    private static final double[] MIX_AFTER = {0.20, 0.14, 0.10, 0.05, 0.06, 0.33, 0.12};

    private final SplittableRandom random;
    private final Instant start;
    private final int driftDay;
    private final double[] baseSpend;
    private final double[] activity;
    private long sequence;

    /**
     * @param seed the random seed; the same seed gives the same transactions
     * @param customers how many card holders
     * @param start midnight UTC of day 0
     * @param driftDay the first day with drifted behaviour
     */
    public TransactionSimulator(long seed, int customers, Instant start, int driftDay) {
        this.random = new SplittableRandom(seed);
        this.start = start;
        this.driftDay = driftDay;
        this.baseSpend = new double[customers];
        this.activity = new double[customers];
        for (int c = 0; c < customers; c++) {
            baseSpend[c] = Math.exp(3.2 + 0.6 * gaussian());      // median about 25
            activity[c] = 1.0 + 4.0 * random.nextDouble();         // transactions per day
        }
    }

    /** Number of customers; their ids are 1..customers. */
    public int customers() {
        return baseSpend.length;
    }

    /** Midnight UTC of {@code day}. */
    public Instant dayStart(int day) {
        return start.plus(Duration.ofDays(day));
    }

    /** Whether {@code day} is in the drifted regime. */
    public boolean drifted(int day) {
        return day >= driftDay;
    }

    /** All transactions of {@code day}, ordered by time. Call once per day, in order. */
    public List<Transaction> day(int day) {
        boolean drift = drifted(day);
        List<Transaction> out = new ArrayList<>();
        for (int c = 0; c < baseSpend.length; c++) {
            int n = poisson(activity[c]);
            for (int k = 0; k < n; k++) {
                out.add(transaction(day, c, drift));
            }
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out;
    }

    private Transaction transaction(int day, int c, boolean drift) {
        String merchant = MERCHANTS[pick(drift ? MIX_AFTER : MIX_BEFORE)];
        long hour = random.nextDouble() < 0.12 ? random.nextInt(6) : 6 + random.nextInt(18);
        double amount = baseSpend[c] * Math.exp(0.5 * gaussian()) * (drift ? 1.6 : 1.0);
        if (merchant.equals("travel") || merchant.equals("electronics")) {
            amount *= 4.0;
        }
        double logit;
        if (!drift) {
            boolean big = random.nextDouble() < 0.05;
            if (big) {
                amount *= 6.0;
            }
            logit = -5.2 + (big ? 3.0 : 0.0) + (hour < 6 ? 1.4 : 0.0)
                    + (merchant.equals("electronics") || merchant.equals("travel") ? 1.3 : 0.0);
        } else {
            boolean probe = random.nextDouble() < 0.10;
            if (probe) {
                amount = 0.5 + 2.0 * random.nextDouble();     // card testing: tiny amounts
            }
            logit = -5.0 + (probe ? 3.2 : 0.0) + (merchant.equals("crypto") ? 1.5 : 0.0)
                    + (merchant.equals("online") ? 0.8 : 0.0);
        }
        boolean fraud = random.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
        long seconds = hour * 3600 + random.nextInt(3600);
        Instant time = dayStart(day).plusSeconds(seconds);
        String id = "tx-" + start.getEpochSecond() / 86_400 + "-" + day + "-" + (sequence++);
        return new Transaction(id, c + 1L, time, Math.round(amount * 100.0) / 100.0, merchant, hour, fraud);
    }

    private int pick(double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1.0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
