package cn.relief.engine.state;

import cn.relief.engine.form.FormSchema;
import cn.relief.engine.record.FormRecord;

/** A deployed form version with its schema read, ready to check a task's submitted variables. */
public record DeployedForm(long key, FormRecord record, FormSchema schema) {}
