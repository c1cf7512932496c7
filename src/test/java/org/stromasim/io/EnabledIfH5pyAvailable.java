package org.stromasim.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a test only when python3 can import h5py: an optional second independent reader, never required. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfH5pyAvailable.Condition.class)
@interface EnabledIfH5pyAvailable {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return ExternalTools.h5pyAvailable()
                    ? ConditionEvaluationResult.enabled("python3 with h5py found")
                    : ConditionEvaluationResult.disabled("python3 with h5py not available (optional check)");
        }
    }
}
