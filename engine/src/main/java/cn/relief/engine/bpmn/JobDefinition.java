package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import java.util.Map;

/** What a job-based element asks of workers: {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders}. */
public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {}
