package dev.mlops.monitoring.internal.stats;

/**
 * Special functions shared by the drift statistics and the A/B tests (not API): log-gamma, the regularized incomplete gamma
 * functions (hence the chi-square survival function), the complementary error function (hence the
 * normal tails), the limiting Kolmogorov distribution and the exponentially scaled modified Bessel
 * function of the second kind.
 *
 * <p>Accuracy targets are a few ulps to about 1e-13 relative in the ranges the tests use; the
 * tails are computed directly (continued fractions, scaled exponentials) rather than as
 * {@code 1 - cdf}, so small p-values keep their relative accuracy. Stateless and thread-safe.
 */
public final class Special {

    public static final double LN_SQRT_2PI = 0.9189385332046727418; // ln(sqrt(2 pi))
    public static final double SQRT_PI = 1.7724538509055160273;
    public static final double SQRT_2PI = 2.5066282746310005024;
    private static final double EPS = 0x1p-53;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;

    private Special() {}

    /**
     * The Stirling remainder {@code lgamma(x) - ((x - 0.5) ln x - x + ln sqrt(2 pi))} for x >= 10,
     * from the asymptotic series with Bernoulli numbers B_2 .. B_16 (error below 1e-17 there).
     */
    public static double stirlingRemainder(double x) {
        double r = 1.0 / x;
        double r2 = r * r;
        // B_{2j} / (2j (2j - 1)) for j = 1..8
        double s = -3617.0 / 122400.0;
        s = s * r2 + 1.0 / 156.0;
        s = s * r2 - 691.0 / 360360.0;
        s = s * r2 + 1.0 / 1188.0;
        s = s * r2 - 1.0 / 1680.0;
        s = s * r2 + 1.0 / 1260.0;
        s = s * r2 - 1.0 / 360.0;
        s = s * r2 + 1.0 / 12.0;
        return s * r;
    }

    /** ln Gamma(x) for x > 0. */
    public static double lgamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("lgamma needs x > 0, got " + x);
        }
        if (x >= 10) {
            return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingRemainder(x);
        }
        // Shift up: Gamma(x) = Gamma(x + k) / (x (x+1) ... (x+k-1)).
        double product = 1;
        double y = x;
        while (y < 10) {
            product *= y;
            y += 1;
        }
        return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingRemainder(y) - Math.log(product);
    }

    /** {@code u - ln(1 + u)} without cancellation for small |u|; u > -1. */
    public static double log1pmxNeg(double u) {
        if (Math.abs(u) < 0.25) {
            // u - log1p(u) = u^2/2 - u^3/3 + u^4/4 - ...
            double term = u * u;
            double sum = 0;
            for (int k = 2; k < 200; k++) {
                double t = term / k;
                sum += (k % 2 == 0) ? t : -t;
                if (Math.abs(t) <= EPS * Math.abs(sum)) {
                    break;
                }
                term *= u;
            }
            return sum;
        }
        return u - Math.log1p(u);
    }

    /** ln(x^a e^-x / Gamma(a)), accurate also when a and x are large and close. */
    public static double logGammaPrefactor(double a, double x) {
        if (a < 10) {
            return a * Math.log(x) - x - lgamma(a);
        }
        double u = (x - a) / a;
        return -a * log1pmxNeg(u) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingRemainder(a);
    }

    /** The regularized lower incomplete gamma function P(a, x), a > 0, x >= 0. */
    public static double gammaP(double a, double x) {
        checkGammaArgs(a, x);
        if (x == 0) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** The regularized upper incomplete gamma function Q(a, x), a > 0, x >= 0. */
    public static double gammaQ(double a, double x) {
        checkGammaArgs(a, x);
        if (x == 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    private static void checkGammaArgs(double a, double x) {
        if (!(a > 0) || !(x >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
    }

    /** P(a, x) by its power series; converges for all x, used for x < a + 1. */
    private static double gammaSeries(double a, double x) {
        double ap = a;
        double term = 1.0 / a;
        double sum = term;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return Math.exp(logGammaPrefactor(a, x)) * sum;
    }

    /** Q(a, x) by Legendre's continued fraction (modified Lentz); used for x >= a + 1. */
    private static double gammaContinuedFraction(double a, double x) {
        return Math.exp(logGammaPrefactor(a, x)) * gammaFraction(a, x);
    }

    /** The continued fraction 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))). */
    private static double gammaFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    /**
     * The chi-square survival function Pr(X > x) for {@code df} degrees of freedom (SciPy's
     * {@code chdtrc} / {@code chi2.sf}); 1 for x <= 0.
     */
    public static double chiSquareSf(double x, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1;
        }
        return gammaQ(df / 2, x / 2);
    }

    /** exp(-x^2) with x^2 carried in double-double, so the result keeps full relative accuracy. */
    public static double expMinusSquare(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.exp(-hi) * Math.exp(-lo);
    }

    /** The complementary error function, with full relative accuracy in the upper tail. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 1.25) {
            return 1 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0; // below the smallest subnormal
        }
        // erfc(x) = Gamma(1/2, x^2) / sqrt(pi) = e^{-x^2} x / sqrt(pi) * fraction(1/2, x^2)
        return expMinusSquare(x) * x / SQRT_PI * gammaFraction(0.5, x * x);
    }

    /** erf by its Maclaurin series; used for |x| < 1.25 only. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double t = term / (2 * n + 1);
            sum += t;
            if (Math.abs(t) < EPS * Math.abs(sum)) {
                break;
            }
        }
        return 2 / SQRT_PI * sum;
    }

    /** The standard normal CDF Phi(z) (SciPy's {@code ndtr}). */
    public static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The standard normal survival function 1 - Phi(z), accurate in the upper tail. */
    public static double normalSf(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The survival function of the limiting Kolmogorov distribution, Pr(K > x) where K is the
     * limit of sqrt(n) D_n (SciPy's {@code kolmogorov} / {@code kstwobign.sf}).
     */
    public static double kolmogorovSf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0.04) {
            return 1;
        }
        if (x <= 0.82) {
            // cdf = sqrt(2 pi)/x * sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 x^2))
            double base = -Math.PI * Math.PI / (8 * x * x);
            double sum = 0;
            for (int k = 1; k < 100; k++) {
                int m = 2 * k - 1;
                double t = Math.exp(base * m * m);
                sum += t;
                if (t <= EPS * sum) {
                    break;
                }
            }
            return Math.min(1, Math.max(0, 1 - SQRT_2PI / x * sum));
        }
        // sf = 2 sum_{k>=1} (-1)^{k-1} exp(-2 k^2 x^2)
        double sum = 0;
        for (int k = 1; k < 100; k++) {
            double t = Math.exp(-2.0 * k * k * x * x);
            sum += (k % 2 == 1) ? t : -t;
            if (t <= EPS * Math.abs(sum)) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    /**
     * The exponentially scaled modified Bessel function of the second kind,
     * {@code e^x K_nu(x)} for x > 0 (SciPy's {@code kve}), from
     * {@code e^x K_nu(x) = int_0^inf exp(-x (cosh t - 1)) cosh(nu t) dt} by the trapezoidal rule,
     * which converges geometrically for this entire, doubly-exponentially decaying integrand.
     */
    public static double besselKScaled(double nu, double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("besselK needs x > 0, got " + x);
        }
        double h = Math.min(0.125, 0.25 / Math.sqrt(x));
        double sum = 0.5; // t = 0 has weight 1/2; integrand value 1 there
        for (int i = 1; i < 1_000_000; i++) {
            double t = i * h;
            double sinhHalf = Math.sinh(t / 2);
            double decay = -2 * x * sinhHalf * sinhHalf; // -x (cosh t - 1) without cancellation
            double f = Math.exp(decay) * Math.cosh(nu * t);
            double exponent = decay + Math.abs(nu) * t;
            sum += f;
            if (exponent < -50 && t > 1) {
                break;
            }
        }
        return sum * h;
    }
}
