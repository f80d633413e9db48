package dev.mlops.monitoring.experiment;

/**
 * Student's t distribution with real degrees of freedom ν > 0 (Welch's test has fractional ν): the
 * survival function (SciPy's {@code stdtr} / {@code t.sf}) and its inverse ({@code t.isf}).
 *
 * <p>For t ≥ 0, {@code sf(t) = I_x(ν/2, 1/2) / 2} with {@code x = ν / (ν + t²)}, the regularized
 * incomplete beta function, evaluated by its continued fraction (modified Lentz), switching to
 * {@code 1 − I_{1−x}(1/2, ν/2)} above the fraction's convergence point. {@code 1 − x} is formed as
 * {@code t² / (ν + t²)} and the prefactor's logarithms as {@code log1p}, and {@code ln B(ν/2, 1/2)}
 * comes from a Stirling difference without cancellation, so the tail keeps its relative accuracy
 * for large ν too (about 1e-14 against SciPy in the tests). The inverse is Newton's method on the
 * survival function, safeguarded by bisection.
 *
 * <p>The drift package's {@code Special} (package-private there) has a log-gamma but no incomplete
 * beta; this class is self-contained. Stateless and thread-safe.
 */
final class StudentT {

    private static final double EPS = 0x1p-53;
    private static final double TINY = 1e-300;
    private static final double LN_SQRT_PI = 0.5723649429247000870717137; // ln(sqrt(pi))
    private static final int MAX_ITERATIONS = 1_000_000;

    private StudentT() {}

    /** Pr(T > t) for ν degrees of freedom. */
    static double sf(double t, double nu) {
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
        return 0.5 * incompleteBetaHalf(nu / 2, x, oneMinusX);
    }

    /** Pr(T <= t) for ν degrees of freedom. */
    static double cdf(double t, double nu) {
        return t > 0 ? 1 - sf(t, nu) : sf(-t, nu);
    }

    /**
     * The t with {@code sf(t) = q}, for q in (0, 1) (SciPy's {@code t.isf(q, ν)}); so the two-sided
     * critical value at level α is {@code isf(α / 2, ν)}.
     */
    static double isf(double q, double nu) {
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
    static double pdf(double t, double nu) {
        return Math.exp(-logBetaHalf(nu / 2) - 0.5 * Math.log(nu) - (nu + 1) / 2 * Math.log1p(t * t / nu));
    }

    private static void checkNu(double nu) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, got " + nu);
        }
    }

    /** I_x(a, 1/2), given x and 1 - x separately (both in [0, 1]). */
    static double incompleteBetaHalf(double a, double x, double oneMinusX) {
        final double b = 0.5;
        if (x <= 0) {
            return 0;
        }
        if (oneMinusX <= 0) {
            return 1;
        }
        // ln(x^a (1-x)^b / B(a, b))
        double logPrefactor = a * Math.log(x) + b * Math.log(oneMinusX) - logBetaHalf(a);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(logPrefactor) * betaFraction(a, b, x) / a;
        }
        return 1 - Math.exp(logPrefactor) * betaFraction(b, a, oneMinusX) / b;
    }

    /**
     * The continued fraction of I_x(a, b) (as in Numerical Recipes' betacf), by the modified Lentz
     * method: each m contributes an even term d_2m = m (b − m) x / ((a + 2m − 1)(a + 2m)) and an odd
     * term d_2m+1 = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
     */
    private static double betaFraction(double a, double b, double x) {
        double c = 1;
        double d = nonZero(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            double delta = 1;
            for (int k = 0; k < 2; k++) {
                double term = k == 0 ? even : odd;
                d = 1 / nonZero(1 + term * d);
                c = nonZero(1 + term / c);
                delta = d * c;
                h *= delta;
            }
            if (Math.abs(delta - 1) < EPS) {
                return h;
            }
        }
        return h;
    }

    private static double nonZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }

    /**
     * ln B(a, 1/2) = ln Γ(a) + ln Γ(1/2) − ln Γ(a + 1/2), for a > 0. The difference of log-gammas is
     * taken from Stirling's series at a + k ≥ 20 (k whole), where its leading terms combine without
     * cancellation, and shifted back down by the recurrence Γ(z + 1) = z Γ(z).
     */
    static double logBetaHalf(double a) {
        double shiftLog = 0; // ln prod (a + i + 1/2) / (a + i) over the shift
        double z = a;
        while (z < 20) {
            shiftLog += Math.log1p(0.5 / z);
            z += 1;
        }
        // ln Γ(z) − ln Γ(z + 1/2) from Stirling: −(z − 1/2) log1p(1/(2z)) − (1/2) ln(z + 1/2) + 1/2 + R(z) − R(z + 1/2)
        double h = 0.5;
        double diff = -(z - 0.5) * Math.log1p(h / z) - h * Math.log(z + h) + h
                + stirlingRemainder(z) - stirlingRemainder(z + h);
        return diff + shiftLog + LN_SQRT_PI;
    }

    /** ln Γ(z) − ((z − 1/2) ln z − z + ln √(2π)) for z >= 20, from the asymptotic series (error below 1e-17). */
    private static double stirlingRemainder(double z) {
        double r = 1 / z;
        double r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188)))));
    }
}
