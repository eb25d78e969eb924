package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.geo.RegionMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AreaFormTest {
  private static final RegionMap GUANGDONG = new RegionMap("classpath:static/geo/guangdong.geojson", new ObjectMapper());

  @Test
  void checkpointsAreReadOnePerLineWithEitherComma() {
    AreaForm.Checked checked = new AreaForm(" 天河公园周边 ", "天河公园南门，23.1255，113.3650\n\n 东门 , 23.1280, 113.3700 \r\n")
        .check("org-station-tianhe", GUANGDONG);
    assertThat(checked.ok()).isTrue();
    assertThat(checked.area().name()).isEqualTo("天河公园周边");
    assertThat(checked.area().stationId()).isEqualTo("org-station-tianhe");
    assertThat(checked.area().checkpoints()).extracting(Checkpoint::name).containsExactly("天河公园南门", "东门");
    assertThat(checked.area().id()).startsWith("area-");
  }

  @Test
  void badLinesPlacesOutsideTheRegionAndNoCheckpointsAreRefused() {
    assertThat(new AreaForm("公园", "南门 23.1 113.3").check("s", GUANGDONG).errors())
        .containsEntry("checkpoints", "patrol.area.error.checkpoints.line");
    assertThat(new AreaForm("公园", "南门,北纬,东经").check("s", GUANGDONG).errors())
        .containsEntry("checkpoints", "patrol.area.error.checkpoints.line");
    assertThat(new AreaForm("公园", "天安门,39.9087,116.3975").check("s", GUANGDONG).errors())
        .containsEntry("checkpoints", "patrol.area.error.checkpoints.outside");
    assertThat(new AreaForm("公", " \n").check("s", GUANGDONG).errors())
        .containsEntry("name", "patrol.area.error.name.short")
        .containsEntry("checkpoints", "patrol.area.error.checkpoints.count");
  }
}
