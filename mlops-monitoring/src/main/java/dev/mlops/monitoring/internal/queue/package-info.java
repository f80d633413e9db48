/** Not API: the lock-free queue behind the prediction monitor. May change without notice. */
package dev.mlops.monitoring.internal.queue;
