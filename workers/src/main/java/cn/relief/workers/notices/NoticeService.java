package cn.relief.workers.notices;

import cn.relief.workers.documents.DocumentStore;
import org.springframework.stereotype.Service;

/** Issues a notice once per idempotency key: renders it as PDF and keeps it in the document store. */
@Service
public class NoticeService {

  private final NoticePdfRenderer renderer;
  private final DocumentStore documents;

  public NoticeService(NoticePdfRenderer renderer, DocumentStore documents) {
    this.renderer = renderer;
    this.documents = documents;
  }

  /** Returns the document id of the notice. */
  public String issue(String idempotencyKey, Notice notice) {
    String fileName = notice.kind().name().toLowerCase() + ".pdf";
    return documents.find(idempotencyKey, notice.caseNumber(), fileName)
        .orElseGet(() -> documents.store(idempotencyKey, notice.caseNumber(), fileName,
            renderer.render(notice)));
  }
}
