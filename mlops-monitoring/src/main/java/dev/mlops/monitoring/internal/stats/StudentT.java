package dev.mlops.monitoring.internal.stats;

/**
 * Student's t distribution with real degrees of freedom ν > 0 (Welch's test has fractional ν): the
 * survival function (SciPy's {@code stdtr} / {@code t.sf}) and its inverse ({@code t.isf}).
 *
 * <p>For t ≥ 0, {@code sf(t) = I_x(ν/2, 1/2) / 2} with {@code x = ν / (ν + t²)}, the regularized
 * incomplete beta function, evaluated by Didonato and Morris' continued fraction (TOMS 708, BFRAC),
 * switching to {@code 1 − I_{1−x}(1/2, ν/2)} when {@code x > a / (a + b)}. {@code 1 − x} is formed as
 * {@code t² / (ν + t²)} and {@code ln x} as {@code −log1p(t²/ν)}, and {@code ln B(ν/2, 1/2)}
 * comes from a Stirling difference without cancellation, so the tail keeps its relative accuracy
 * for large ν too (about 1e-14 against SciPy in the tests). The inverse is Newton's method on the
 * survival function, safeguarded by bisection.
 *
 * <p>Internal, used by the A/B tests; its Stirling remainder comes from {@link Special}. Stateless and
 * thread-safe.
 */
public final class StudentT {

    private static final double EPS = 0x1p-53;
    private static final double LN_SQRT_PI = 0.5723649429247000870717137; // ln(sqrt(pi))
    private static final int MAX_ITERATIONS = 10_000;

    private StudentT() {}

    /** Pr(T > t) for ν degrees of freedom. */
    public static double sf(double t, double nu) {
        checkNu(nu);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (t < 0) {
            return 1 - sf(-t, nu);
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double t2 = t * t;
        double x = nu / (nu + t2);
        double oneMinusX = t2 / (nu + t2);
        // ln x = -log1p(t²/ν) keeps its absolute accuracy when x is near 1; ν/2 · ln x then does too.
        return 0.5 * incompleteBetaHalf(nu / 2, x, oneMinusX, -Math.log1p(t2 / nu), Math.log(oneMinusX));
    }

    /** Pr(T <= t) for ν degrees of freedom. */
    public static double cdf(double t, double nu) {
        return t > 0 ? 1 - sf(t, nu) : sf(-t, nu);
    }

    /**
     * The t with {@code sf(t) = q}, for q in (0, 1) (SciPy's {@code t.isf(q, ν)}); so the two-sided
     * critical value at level α is {@code isf(α / 2, ν)}.
     */
    public static double isf(double q, double nu) {
        checkNu(nu);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1), got " + q);
        }
        if (q > 0.5) {
            return -isf(1 - q, nu);
        }
        if (q == 0.5) {
            return 0;
        }
        // Bracket [lo, hi] with sf(lo) > q >= sf(hi).
        double lo = 0;
        double hi = 1;
        while (sf(hi, nu) > q) {
            lo = hi;
            hi *= 2;
            if (Double.isInfinite(hi)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double t = (lo + hi) / 2;
        for (int i = 0; i < 200; i++) {
            double f = sf(t, nu) - q;
            if (f == 0) {
                return t;
            }
            if (f > 0) {
                lo = t;
            } else {
                hi = t;
            }
            double next = t + f / pdf(t, nu);
            if (!(next > lo && next < hi)) {
                next = (lo + hi) / 2;
            }
            if (Math.abs(next - t) <= 4 * Math.ulp(t)) {
                return next;
            }
            t = next;
        }
        return t;
    }

    /** The density at t. */
    public static double pdf(double t, double nu) {
        return Math.exp(-logBetaHalf(nu / 2) - 0.5 * Math.log(nu) - (nu + 1) / 2 * Math.log1p(t * t / nu));
    }

    private static void checkNu(double nu) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, got " + nu);
        }
    }

    /** I_x(a, 1/2), given x, y = 1 − x and their logarithms, each computed accurately by the caller. */
    public static double incompleteBetaHalf(double a, double x, double y, double logX, double logY) {
        final double b = 0.5;
        if (x <= 0) {
            return 0;
        }
        if (y <= 0) {
            return 1;
        }
        // x^a y^b / B(a, b)
        double prefactor = Math.exp(a * logX + b * logY - logBetaHalf(a));
        double lambda = (a + b) * y - b; // a − (a + b) x, formed from y without cancellation
        if (lambda >= 0) {
            return prefactor * betaFraction(a, b, x, y, lambda);
        }
        return 1 - prefactor * betaFraction(b, a, y, x, -lambda);
    }

    /**
     * The continued fraction r with I_x(a, b) = x^a y^b / B(a, b) · r, in the form of Didonato and
     * Morris (ACM TOMS 708, 1992, procedure BFRAC), evaluated by the three-term recurrence with
     * rescaling. Every term is formed from x, y = 1 − x and λ = (a + b) y − b directly, so nothing
     * cancels when x is near 1 (large ν), unlike the textbook fraction in x alone. Used with λ ≥ 0.
     */
    private static double betaFraction(double a, double b, double x, double y, double lambda) {
        double c = lambda + 1;
        double c0 = b / a;
        double c1 = 1 / a + 1;
        double yp1 = y + 1;
        double p = 1;
        double s = a + 1;
        double an = 0;
        double bn = 1;
        double anp1 = 1;
        double bnp1 = c / c1;
        double r = c1 / c;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            double t = n / a;
            double w = n * (b - n) * x;
            double e = a / s;
            double alpha = p * (p + c0) * e * e * (w * x);
            e = (1 + t) / (c1 + t + t);
            double beta = n + w / s + e * (c + n * yp1);
            p = 1 + t;
            s += 2;
            double next = alpha * an + beta * anp1;
            an = anp1;
            anp1 = next;
            next = alpha * bn + beta * bnp1;
            bn = bnp1;
            bnp1 = next;
            double previous = r;
            r = anp1 / bnp1;
            if (Math.abs(r - previous) <= EPS * r) {
                return r;
            }
            an /= bnp1;
            bn /= bnp1;
            anp1 = r;
            bnp1 = 1;
        }
        return r;
    }

    /**
     * ln B(a, 1/2) = ln Γ(a) + ln Γ(1/2) − ln Γ(a + 1/2), for a > 0. The difference of log-gammas is
     * taken from Stirling's series at a + k ≥ 20 (k whole), where its leading terms combine without
     * cancellation, and shifted back down by the recurrence Γ(z + 1) = z Γ(z).
     */
    public static double logBetaHalf(double a) {
        double shiftLog = 0; // ln prod (a + i + 1/2) / (a + i) over the shift
        double z = a;
        while (z < 20) {
            shiftLog += Math.log1p(0.5 / z);
            z += 1;
        }
        // ln Γ(z) − ln Γ(z + 1/2) from Stirling: −(z − 1/2) log1p(1/(2z)) − (1/2) ln(z + 1/2) + 1/2 + R(z) − R(z + 1/2)
        double h = 0.5;
        double diff = -(z - 0.5) * Math.log1p(h / z) - h * Math.log(z + h) + h
                + Special.stirlingRemainder(z) - Special.stirlingRemainder(z + h);
        return diff + shiftLog + LN_SQRT_PI;
    }
}
