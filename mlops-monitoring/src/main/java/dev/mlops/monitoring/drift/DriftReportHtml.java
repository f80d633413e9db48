package dev.mlops.monitoring.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Renders a {@link DriftReport} as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script, nothing loaded from anywhere (a Content-Security-Policy meta tag forbids it as a second
 * line of defence). Every string that comes from data — column names, category labels, the title —
 * goes through {@link #escape}. Stateless.
 */
final class DriftReportHtml {

    static final String REFERENCE_COLOR = "#7b8bb2";
    static final String CURRENT_COLOR = "#ee7d31";

    private static final int CHART_WIDTH = 560;
    private static final int MAX_LABEL_CHARS = 22;

    private DriftReportHtml() {}

    static String render(DriftReport report, String title) {
        List<ColumnDrift> ordered = new ArrayList<>(report.columns());
        ordered.sort(Comparator.comparingInt(DriftReportHtml::group)); // stable: report order within a group
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < report.columns().size(); i++) {
            index.put(report.columns().get(i).column(), i);
        }
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        summary(h, report, title);
        table(h, ordered, index);
        h.append("<section class=\"cols\">\n");
        for (ColumnDrift c : ordered) {
            if (c.status() == ColumnStatus.TESTED) {
                columnCard(h, c, index.get(c.column()));
            }
        }
        h.append("</section>\n");
        notes(h);
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Drifted first, then tested, then the rest. */
    private static int group(ColumnDrift c) {
        return c.drifted() ? 0 : c.status() == ColumnStatus.TESTED ? 1 : 2;
    }

    // ------------------------------------------------------------------ summary and table

    private static void summary(StringBuilder h, DriftReport r, String title) {
        boolean drift = r.datasetDrift();
        int tested = r.testedColumns();
        int untested = r.columns().size() - tested;
        double share = r.driftShare();
        h.append("<header class=\"card summary\">\n<div class=\"head\">\n<div>\n<h1>").append(escape(title))
                .append("</h1>\n<p class=\"sub\">Reference ").append(count(r.referenceRows()))
                .append(" rows &middot; current ").append(count(r.currentRows())).append(" rows &middot; ")
                .append(r.columns().size()).append(r.columns().size() == 1 ? " column" : " columns")
                .append("</p>\n</div>\n<div class=\"verdict ").append(drift ? "bad" : "good").append("\">")
                .append(drift ? "Dataset drift detected" : "No dataset drift").append("</div>\n</div>\n");
        h.append("<div class=\"kpis\">\n");
        kpi(h, "Drifted columns", r.driftedColumns() + " <small>of " + tested + " tested</small>");
        kpi(h, "Drift share", percent(share) + " <small>threshold " + percent(r.driftShareThreshold()) + "</small>");
        kpi(h, "Not compared", untested + " <small>missing or empty</small>");
        h.append("</div>\n");
        double width = Math.min(100, share * 100);
        double marker = Math.min(100, r.driftShareThreshold() * 100);
        h.append("<div class=\"bar\" title=\"drift share against threshold\"><div class=\"fill ")
                .append(drift ? "bad" : "good").append("\" style=\"width:").append(num(width))
                .append("%\"></div><div class=\"marker\" style=\"left:").append(num(marker))
                .append("%\"></div></div>\n</header>\n");
    }

    private static void kpi(StringBuilder h, String label, String valueHtml) {
        h.append("<div class=\"kpi\"><div class=\"label\">").append(label).append("</div><div class=\"value\">")
                .append(valueHtml).append("</div></div>\n");
    }

    private static void table(StringBuilder h, List<ColumnDrift> ordered, Map<String, Integer> indexes) {
        h.append("<section class=\"card\">\n<h2>Columns</h2>\n<table>\n<thead><tr><th>Column</th><th>Type</th>")
                .append("<th>Test</th><th class=\"n\">Statistic</th><th class=\"n\">p-value</th>")
                .append("<th class=\"n\">Effect size</th><th class=\"n\">Threshold</th><th>Result</th></tr></thead>\n")
                .append("<tbody>\n");
        for (ColumnDrift c : ordered) {
            int index = indexes.get(c.column());
            h.append("<tr>");
            if (c.status() == ColumnStatus.TESTED) {
                ColumnTestResult r = c.result().orElseThrow();
                h.append("<td class=\"name\"><a href=\"#col-").append(index).append("\">").append(escape(c.column()))
                        .append("</a></td><td>").append(c.kind().jsonName()).append("</td><td>")
                        .append(testLabel(r.test())).append("</td><td class=\"n\">").append(fmt(r.statistic()))
                        .append("</td><td class=\"n\">").append(r.pValue().isPresent() ? fmt(r.pValue().getAsDouble())
                                : "&ndash;")
                        .append("</td><td class=\"n\">").append(fmt(r.effectSize())).append(" <small>")
                        .append(effectLabel(r.effectSizeName())).append("</small></td><td class=\"n\">")
                        .append(r.test().isPValueTest() ? "p &lt; " : "&ge; ").append(fmt(r.threshold()))
                        .append("</td><td>").append(pill(r.drifted())).append("</td>");
            } else {
                h.append("<td class=\"name\">").append(escape(c.column())).append("</td><td>")
                        .append(c.kind().jsonName()).append("</td><td colspan=\"5\" class=\"muted\">")
                        .append(statusText(c.status())).append("</td><td><span class=\"pill gray\">not compared</span></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static String pill(boolean drifted) {
        return drifted ? "<span class=\"pill bad\">drift</span>" : "<span class=\"pill good\">no drift</span>";
    }

    private static String statusText(ColumnStatus s) {
        return switch (s) {
            case MISSING_IN_REFERENCE -> "Only in the current data";
            case MISSING_IN_CURRENT -> "Only in the reference data";
            case NO_VALUES_IN_REFERENCE -> "No usable reference value (all null, NaN or infinite)";
            case NO_VALUES_IN_CURRENT -> "No usable current value (all null, NaN or infinite)";
            case TESTED -> "Tested";
        };
    }

    static String testLabel(DriftTest t) {
        return switch (t) {
            case KS -> "Kolmogorov&ndash;Smirnov";
            case ANDERSON_DARLING -> "Anderson&ndash;Darling";
            case CRAMER_VON_MISES -> "Cram&eacute;r&ndash;von Mises";
            case MANN_WHITNEY_U -> "Mann&ndash;Whitney U";
            case WASSERSTEIN_NORMED -> "Wasserstein (normed)";
            case CHI_SQUARE -> "Chi-square";
            case Z -> "Z-test (proportions)";
            case JENSEN_SHANNON -> "Jensen&ndash;Shannon";
            case PSI -> "PSI";
            case KL_DIVERGENCE -> "KL divergence";
            case HELLINGER -> "Hellinger";
            case L_INFINITY -> "L&infin;";
        };
    }

    private static String effectLabel(String name) {
        return ColumnTestResult.CRAMERS_V.equals(name) ? "Cram&eacute;r&rsquo;s V" : "W/&sigma;";
    }

    // ------------------------------------------------------------------ column cards

    private static void columnCard(StringBuilder h, ColumnDrift c, int index) {
        ColumnTestResult r = c.result().orElseThrow();
        ColumnStats ref = c.reference().orElseThrow();
        ColumnStats cur = c.current().orElseThrow();
        h.append("<article class=\"card col\" id=\"col-").append(index).append("\">\n<div class=\"colhead\"><h3>")
                .append(escape(c.column())).append("</h3><span class=\"chip\">").append(c.kind().jsonName())
                .append("</span>").append(pill(r.drifted())).append("</div>\n<p class=\"testline\">")
                .append(testLabel(r.test())).append(" &middot; statistic <b>").append(fmt(r.statistic())).append("</b>");
        if (r.pValue().isPresent()) {
            h.append(" &middot; p-value <b>").append(fmt(r.pValue().getAsDouble())).append("</b>");
        }
        h.append(" &middot; drift if ").append(r.test().isPValueTest() ? "p &lt; " : "&ge; ").append(fmt(r.threshold()))
                .append("<br>Effect size (").append(effectLabel(r.effectSizeName())).append(") <b>")
                .append(fmt(r.effectSize())).append("</b></p>\n");
        Distribution d = c.distribution().orElseThrow();
        if (d instanceof Distribution.Histogram hist) {
            histogramSvg(h, hist, ref.valid(), cur.valid());
        } else {
            categoriesSvg(h, (Distribution.Categories) d, ref.valid(), cur.valid());
        }
        statsTable(h, c.kind(), ref, cur, d);
        h.append("</article>\n");
    }

    private static void statsTable(StringBuilder h, DriftColumnType kind, ColumnStats ref, ColumnStats cur, Distribution d) {
        h.append("<table class=\"stats\"><thead><tr><th></th><th class=\"n\">Reference</th><th class=\"n\">Current</th>")
                .append("</tr></thead><tbody>\n");
        statRow(h, "Rows", count(ref.rows()), count(cur.rows()));
        statRow(h, "Null", count(ref.nulls()), count(cur.nulls()));
        if (kind == DriftColumnType.NUMERIC) {
            statRow(h, "NaN / &infin;", count(ref.nan()) + " / " + count(ref.infinite()),
                    count(cur.nan()) + " / " + count(cur.infinite()));
        }
        statRow(h, "Distinct", count(ref.distinct()), count(cur.distinct()));
        if (kind == DriftColumnType.NUMERIC) {
            statRow(h, "Mean", fmt(ref.mean()), fmt(cur.mean()));
            statRow(h, "Std", fmt(ref.std()), fmt(cur.std()));
            statRow(h, "Min", fmt(ref.min()), fmt(cur.min()));
            statRow(h, "Max", fmt(ref.max()), fmt(cur.max()));
        }
        if (d instanceof Distribution.Categories cat && cat.unseenCategories() > 0) {
            statRow(h, "Unseen in reference", "&ndash;", count(cat.unseenCategories()) + " <small>("
                    + count(cat.unseenCurrent()) + " rows)</small>");
        }
        h.append("</tbody></table>\n");
    }

    private static void statRow(StringBuilder h, String label, String ref, String cur) {
        h.append("<tr><th>").append(label).append("</th><td class=\"n\">").append(ref).append("</td><td class=\"n\">")
                .append(cur).append("</td></tr>\n");
    }

    // ------------------------------------------------------------------ SVG charts

    private static void legend(StringBuilder h, int right, int y) {
        int x = right - 170;
        h.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" rx=\"2\" fill=\"")
                .append(REFERENCE_COLOR).append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y)
                .append("\" class=\"lg\">Reference</text><rect x=\"").append(x + 90).append("\" y=\"").append(y - 9)
                .append("\" width=\"10\" height=\"10\" rx=\"2\" fill=\"").append(CURRENT_COLOR).append("\"/><text x=\"")
                .append(x + 104).append("\" y=\"").append(y).append("\" class=\"lg\">Current</text>\n");
    }

    private static void histogramSvg(StringBuilder h, Distribution.Histogram d, long refTotal, long curTotal) {
        int width = CHART_WIDTH;
        int height = 230;
        int left = 48;
        int right = width - 10;
        int top = 26;
        int bottom = height - 30;
        int bins = d.reference().size();
        double[] rs = shares(d.reference(), refTotal);
        double[] cs = shares(d.current(), curTotal);
        double max = Math.max(max(rs), max(cs));
        double[] ticks = niceTicks(max);
        double yMax = ticks[ticks.length - 1];
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Histogram of reference and current values\">\n");
        legend(h, right, 14);
        yAxis(h, ticks, yMax, left, right, top, bottom);
        double bw = (double) (right - left) / bins;
        double gap = bw > 6 ? 1 : 0;
        double barW = (bw - 2 * gap) / 2;
        for (int i = 0; i < bins; i++) {
            double x = left + i * bw + gap;
            String range = "[" + fmt(d.edges().get(i)) + ", " + fmt(d.edges().get(i + 1)) + (i == bins - 1 ? "]" : ")");
            bar(h, x, barW, rs[i], yMax, top, bottom, REFERENCE_COLOR, range + " reference " + percent(rs[i]));
            bar(h, x + barW, barW, cs[i], yMax, top, bottom, CURRENT_COLOR, range + " current " + percent(cs[i]));
        }
        h.append("<line x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"").append(right)
                .append("\" y2=\"").append(bottom).append("\" class=\"axis\"/>\n");
        int ticksX = Math.min(bins, 5);
        for (int t = 0; t <= ticksX; t++) {
            int edge = (int) Math.round((double) t * bins / ticksX);
            double x = left + edge * bw;
            String anchor = t == 0 ? "start" : t == ticksX ? "end" : "middle";
            h.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(bottom).append("\" x2=\"").append(num(x))
                    .append("\" y2=\"").append(bottom + 4).append("\" class=\"axis\"/><text x=\"").append(num(x))
                    .append("\" y=\"").append(bottom + 17).append("\" text-anchor=\"").append(anchor)
                    .append("\" class=\"tk\">").append(fmt(d.edges().get(edge))).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static void categoriesSvg(StringBuilder h, Distribution.Categories d, long refTotal, long curTotal) {
        List<String> labels = new ArrayList<>(d.labels());
        List<Long> refCounts = new ArrayList<>(d.reference());
        List<Long> curCounts = new ArrayList<>(d.current());
        if (d.otherCategories() > 0) {
            labels.add("Other (" + d.otherCategories() + " categories)");
            refCounts.add(d.otherReference());
            curCounts.add(d.otherCurrent());
        }
        double[] rs = shares(refCounts, refTotal);
        double[] cs = shares(curCounts, curTotal);
        double[] ticks = niceTicks(Math.max(max(rs), max(cs)));
        double xMax = ticks[ticks.length - 1];
        boolean few = labels.size() <= 8;
        int rowH = few ? 34 : 26;
        int barH = few ? 11 : 8;
        int top = 28;
        int left = 170;
        int right = CHART_WIDTH - 54;
        int height = top + rowH * labels.size() + 24;
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Category shares of reference and current\">\n");
        legend(h, CHART_WIDTH - 10, 14);
        int bottom = top + rowH * labels.size();
        for (double t : ticks) {
            double x = left + t / xMax * (right - left);
            h.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(num(x))
                    .append("\" y2=\"").append(bottom).append("\" class=\"grid\"/><text x=\"").append(num(x))
                    .append("\" y=\"").append(bottom + 15).append("\" text-anchor=\"middle\" class=\"tk\">")
                    .append(percent(t)).append("</text>\n");
        }
        for (int i = 0; i < labels.size(); i++) {
            int y = top + i * rowH;
            String label = labels.get(i);
            boolean other = i >= d.labels().size();
            h.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 2 + barH + 4)
                    .append("\" text-anchor=\"end\" class=\"").append(other ? "cat other" : "cat").append("\"><title>")
                    .append(escape(label)).append("</title>").append(escape(truncate(label))).append("</text>\n");
            hbar(h, left, y + 4, barH, rs[i], xMax, right - left, REFERENCE_COLOR);
            hbar(h, left, y + 5 + barH, barH, cs[i], xMax, right - left, CURRENT_COLOR);
        }
        h.append("<line x1=\"").append(left).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(left)
                .append("\" y2=\"").append(bottom).append("\" class=\"axis\"/>\n</svg>\n");
    }

    private static void hbar(StringBuilder h, int left, int y, int height, double share, double max, int span,
                             String color) {
        double w = share / max * span;
        h.append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(height).append("\" rx=\"1.5\" fill=\"").append(color)
                .append("\"/><text x=\"").append(num(left + w + 4)).append("\" y=\"").append(y + height - 1)
                .append("\" class=\"val\">")
                .append(percent(share)).append("</text>\n");
    }

    private static void bar(StringBuilder h, double x, double w, double share, double max, int top, int bottom,
                            String color, String tip) {
        double bh = share / max * (bottom - top);
        h.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(bottom - bh)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(bh)).append("\" fill=\"").append(color)
                .append("\"><title>").append(escape(tip)).append("</title></rect>\n");
    }

    private static void yAxis(StringBuilder h, double[] ticks, double max, int left, int right, int top, int bottom) {
        for (double t : ticks) {
            double y = bottom - t / max * (bottom - top);
            h.append("<line x1=\"").append(left).append("\" y1=\"").append(num(y)).append("\" x2=\"").append(right)
                    .append("\" y2=\"").append(num(y)).append("\" class=\"grid\"/><text x=\"").append(left - 6)
                    .append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\" class=\"tk\">")
                    .append(percent(t)).append("</text>\n");
        }
    }

    /** 0 and up to 4 more evenly spaced ticks, the last at or above {@code max}, at 1, 2, 2.5 or 5 × 10^k. */
    static double[] niceTicks(double max) {
        if (!(max > 0)) {
            return new double[] {0, 1};
        }
        double raw = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        int n = (int) Math.ceil(max / step - 1e-9);
        double[] ticks = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    private static double[] shares(List<Long> counts, long total) {
        double[] out = new double[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = total == 0 ? 0 : (double) counts.get(i) / total;
        }
        return out;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static void notes(StringBuilder h) {
        h.append("<footer class=\"notes\">\n<p><b>How to read this.</b> Each column is compared on its usable values")
                .append(" (null, NaN and infinite values are counted, not tested). Hypothesis tests report drift when the")
                .append(" p-value is below the threshold; distances when the distance reaches it. The effect size")
                .append(" shows how large a change is regardless of sample size: W/&sigma; is the Wasserstein distance")
                .append(" in reference standard deviations, Cram&eacute;r&rsquo;s V ranges from 0 (same shares) to 1.")
                .append(" Charts show the share of each side&rsquo;s usable values per bin or category, over the same")
                .append(" bins for both sides.</p>\n</footer>\n");
    }

    // ------------------------------------------------------------------ text

    /** Escapes the five HTML special characters, for text and attribute values alike. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                        b.append('\uFFFD'); // control characters are not allowed in HTML text
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String truncate(String label) {
        if (label.codePointCount(0, label.length()) <= MAX_LABEL_CHARS) {
            return label;
        }
        return label.substring(0, label.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "\u2026";
    }

    /** A number for people: up to 4 significant digits, scientific notation when very large or small. */
    static String fmt(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "&infin;" : "&minus;&infin;";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3g", x).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(OptionalDouble x) {
        return x.isPresent() ? fmt(x.getAsDouble()) : "&ndash;";
    }

    private static String percent(double share) {
        double p = share * 100;
        if (p == 0) {
            return "0%";
        }
        return (p < 10 ? String.format(Locale.ROOT, "%.1f", p) : String.format(Locale.ROOT, "%.0f", p)) + "%";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(",", "&#8239;");
    }

    /** A coordinate with at most two decimals. */
    private static String num(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    private static final String CSS = """
            :root{--bad:#c0392b;--good:#2e7d4f;--ink:#1f2430;--muted:#6b7385;--line:#e3e6ec;--bg:#f4f6f9}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            main{max-width:1200px;margin:0 auto;padding:24px}
            .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin-bottom:18px;box-shadow:0 1px 2px rgba(20,30,50,.04)}
            h1{font-size:22px;margin:0 0 2px}h2{font-size:16px;margin:0 0 12px}h3{font-size:15px;margin:0;word-break:break-all}
            .sub{margin:0;color:var(--muted)}
            .head{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
            .verdict{padding:8px 14px;border-radius:8px;font-weight:600;white-space:nowrap}
            .verdict.bad{background:#fbe9e7;color:var(--bad);border:1px solid #f3c4bd}
            .verdict.good{background:#e8f5ec;color:var(--good);border:1px solid #bfe0ca}
            .kpis{display:flex;gap:14px;margin:16px 0 12px}
            .kpi{flex:1;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
            .kpi .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .kpi .value{font-size:22px;font-weight:600}.kpi small{font-size:12px;font-weight:400;color:var(--muted)}
            .bar{position:relative;height:8px;background:#edf0f4;border-radius:4px}
            .bar .fill{height:8px;border-radius:4px}.bar .fill.bad{background:var(--bad)}.bar .fill.good{background:var(--good)}
            .bar .marker{position:absolute;top:-4px;width:2px;height:16px;background:var(--ink)}
            table{border-collapse:collapse;width:100%}
            th,td{padding:7px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
            thead th{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.03em}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            td.name{font-weight:600;word-break:break-all}td.name a{color:inherit;text-decoration:none}td.name a:hover{text-decoration:underline}
            td small{color:var(--muted)}.muted{color:var(--muted)}
            .pill{display:inline-block;padding:2px 9px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
            .pill.bad{background:#fbe9e7;color:var(--bad)}.pill.good{background:#e8f5ec;color:var(--good)}.pill.gray{background:#eef0f3;color:var(--muted)}
            .cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:18px;align-items:start}
            .cols .card{margin:0}
            .colhead{display:flex;align-items:center;gap:8px}.colhead h3{flex:1}
            .chip{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:1px 6px}
            .testline{color:var(--muted);margin:6px 0 8px}.testline b{color:var(--ink);font-weight:600}
            svg.chart{width:100%;height:auto;display:block}
            svg .grid{stroke:#eceef2}svg .axis{stroke:#9aa1ad}
            svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#5b6374}
            svg .lg{font-size:12px;fill:var(--ink)}svg .cat{font-size:12px;fill:var(--ink)}svg .other{font-style:italic}
            svg .val{font-size:10px}
            table.stats{margin-top:8px}table.stats th,table.stats td{padding:4px 6px;font-size:13px}
            table.stats tbody th{font-weight:500;color:var(--muted)}
            .notes{color:var(--muted);font-size:12.5px;padding:4px 4px 24px}
            """;
}
