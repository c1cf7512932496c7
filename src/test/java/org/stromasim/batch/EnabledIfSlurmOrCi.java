package org.stromasim.batch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test when a Slurm cluster answers ({@code sinfo} exits 0), and always when {@code CI=true}: CI
 * starts one (native/slurm-local.sh), so there a missing Slurm fails the test instead of skipping it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfSlurmOrCi.Condition.class)
@interface EnabledIfSlurmOrCi {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("true".equals(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: Slurm must be running (native/slurm-local.sh start)");
            }
            return slurmAnswers() ? ConditionEvaluationResult.enabled("sinfo answers")
                    : ConditionEvaluationResult.disabled("no Slurm here (sinfo does not answer); "
                    + "start one with native/slurm-local.sh start");
        }

        static boolean slurmAnswers() {
            try {
                Process sinfo = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start();
                sinfo.getInputStream().readAllBytes();
                return sinfo.waitFor(20, TimeUnit.SECONDS) && sinfo.exitValue() == 0;
            } catch (Exception noSlurm) {
                return false;
            }
        }
    }
}
