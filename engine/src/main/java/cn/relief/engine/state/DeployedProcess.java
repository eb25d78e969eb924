package cn.relief.engine.state;

import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.record.ProcessRecord;

public record DeployedProcess(long key, ProcessRecord record, ExecutableProcess executable) {}
