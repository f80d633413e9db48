/**
 * Alerting: rules over monitored signals, SLO burn-rate rules, and an in-process alert manager that
 * groups, silences, inhibits and delivers notifications.
 *
 * <p>The semantics follow Prometheus and Alertmanager so that people who know them can predict what
 * happens:
 * <ul>
 *   <li>An {@link dev.mlops.monitoring.alert.AlertRule} reads a {@link dev.mlops.monitoring.alert.Signal}
 *       at each evaluation. Every sample that satisfies the rule's
 *       {@link dev.mlops.monitoring.alert.Condition} becomes an alert instance that is {@code PENDING}
 *       until the condition has held for the rule's {@code for} duration, then {@code FIRING}; when the
 *       condition stops holding, a firing alert stays firing for {@code keep_firing_for}, then is
 *       {@code RESOLVED} and kept for 15 minutes (Prometheus' {@code rules/alerting.go}).</li>
 *   <li>{@link dev.mlops.monitoring.alert.SloBurnRateRules} builds the multiwindow, multi-burn-rate
 *       rules of the Google SRE workbook from good/total event counts kept in
 *       {@link dev.mlops.monitoring.alert.SloEvents}.</li>
 *   <li>{@link dev.mlops.monitoring.alert.AlertManager} evaluates the rules on an injected clock,
 *       routes firing and resolved alerts into aggregation groups ({@code group_by}), and flushes each
 *       group after {@code group_wait}, then every {@code group_interval}, deduplicating against what
 *       each receiver was last told and repeating after {@code repeat_interval}
 *       (Alertmanager's {@code dispatch} and {@code notify} packages).
 *       {@link dev.mlops.monitoring.alert.Silence Silences} and
 *       {@link dev.mlops.monitoring.alert.InhibitRule inhibition rules} mute alerts at flush time.</li>
 *   <li>{@link dev.mlops.monitoring.alert.Notifier Notifiers} deliver: SLF4J
 *       ({@link dev.mlops.monitoring.alert.LogNotifier}), Alertmanager's webhook JSON version 4
 *       ({@link dev.mlops.monitoring.alert.WebhookNotifier}), Slack incoming webhooks
 *       ({@link dev.mlops.monitoring.alert.SlackNotifier}) and PagerDuty Events API v2
 *       ({@link dev.mlops.monitoring.alert.PagerDutyNotifier}). HTTP notifiers retry 429 and 5xx
 *       with exponential backoff (honouring {@code Retry-After}) and never retry other 4xx.</li>
 * </ul>
 *
 * <p>Time comes only from the {@link java.time.InstantSource} given to the manager, so tests move a
 * clock by hand and call {@link dev.mlops.monitoring.alert.AlertManager#tick()}; nothing sleeps. A
 * failed notification is logged and counted, never thrown into the evaluation loop.
 */
package dev.mlops.monitoring.alert;
