package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.EngineApi;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the jobs an ActivateJobs call activated. Activation is already committed when the jobs
 * arrive here, so a job that cannot be sent (the worker cancelled or went away during the long
 * poll) would otherwise stay locked until its timeout; instead it is handed back by failing it
 * with its retries unchanged and no back-off, which makes it activatable again at once.
 */
final class ActivatedJobsDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ActivatedJobsDelivery.class);

  private final EngineApi api;

  ActivatedJobsDelivery(EngineApi api) {
    this.api = api;
  }

  void deliver(List<EngineApi.ActivatedJob> jobs, ServerCallStreamObserver<ActivateJobsResponse> call) {
    if (jobs == null || jobs.isEmpty()) {
      // Zeebe answers an empty poll with no message at all, just the end of the stream.
      complete(call);
      return;
    }
    if (call.isCancelled()) {
      api.yieldJobs(jobs);
      return;
    }
    final List<ActivateJobsResponse> batches;
    try {
      List<ActivatedJob> messages = new ArrayList<>(jobs.size());
      for (EngineApi.ActivatedJob job : jobs) {
        messages.add(GatewayMessages.activatedJob(job));
      }
      batches = GatewayMessages.jobBatches(messages);
    } catch (RuntimeException e) {
      api.yieldJobs(jobs);
      call.onError(GrpcErrors.toStatus("ActivateJobs", e));
      return;
    }
    int sent = 0;
    for (ActivateJobsResponse batch : batches) {
      try {
        if (call.isCancelled()) {
          break;
        }
        call.onNext(batch);
        sent += batch.getJobsCount();
      } catch (RuntimeException e) {
        LOG.debug("Failed to send activated jobs to the worker", e);
        break;
      }
    }
    if (sent < jobs.size()) {
      api.yieldJobs(jobs.subList(sent, jobs.size()));
      if (!call.isCancelled()) {
        try {
          call.onError(Status.INTERNAL
              .withDescription("Failed to send all activated jobs; the rest were made activatable again")
              .asRuntimeException());
        } catch (RuntimeException e) {
          LOG.debug("Could not close ActivateJobs call", e);
        }
      }
      return;
    }
    complete(call);
  }

  private static void complete(ServerCallStreamObserver<ActivateJobsResponse> call) {
    try {
      call.onCompleted();
    } catch (RuntimeException e) {
      // The call was cancelled meanwhile; there is nobody left to tell.
      LOG.debug("Could not complete ActivateJobs call", e);
    }
  }
}
