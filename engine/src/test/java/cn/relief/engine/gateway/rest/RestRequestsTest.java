package cn.relief.engine.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null where an instruction belongs (RequestShapesIT's generated junk once sent
 * {@code "terminateInstructions": [null]} to the modification endpoint and got a 500) is a 400.
 */
class RestRequestsTest {

  @Test
  void aListWithANullItemIsABadRequestNamingTheItem() {
    assertThatThrownBy(() -> RestRequests.items("terminateInstructions", Arrays.asList("a", null)))
        .isInstanceOf(RestRequestException.class).hasMessageContaining("terminateInstructions")
        .hasMessageContaining("item 2 was null");
    assertThat(RestRequests.items("activateInstructions", null)).isEmpty();
    assertThat(RestRequests.items("activateInstructions", List.of("x"))).containsExactly("x");
  }
}
