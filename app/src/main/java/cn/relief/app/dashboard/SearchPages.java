package cn.relief.app.dashboard;

import io.camunda.client.api.search.response.SearchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Reads every page of a search, up to the engine's total limit. */
public final class SearchPages {
  public static final int PAGE = 1000;
  /** The engine counts totals up to 10,000; a dashboard beyond that needs the engine's statistics. */
  static final int MAX_ITEMS = 10_000;

  private SearchPages() {}

  /** {@code page} sends the search from the given offset with a limit of {@link #PAGE}. */
  public static <T> List<T> all(IntFunction<SearchResponse<T>> page) {
    List<T> items = new ArrayList<>();
    while (items.size() < MAX_ITEMS) {
      List<T> next = page.apply(items.size()).items();
      items.addAll(next);
      if (next.size() < PAGE) {
        break;
      }
    }
    return items;
  }
}
