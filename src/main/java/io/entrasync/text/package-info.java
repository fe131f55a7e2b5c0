/**
 * Text from outside (HR values, Graph and HR error bodies, blob names, event subjects) made safe to show: control
 * and formatting characters written as escapes. Used by every stage that logs or prints such text; imports nothing
 * of the pipeline. Entry point: {@link io.entrasync.text.Printable}.
 */
package io.entrasync.text;
