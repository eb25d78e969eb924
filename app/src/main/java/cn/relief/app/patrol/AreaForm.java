package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.geo.RegionMap;
import cn.relief.app.web.FormText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new patrol area as typed on the areas page: its name and its checkpoints, one per line as
 * {@code 名称, 纬度, 经度} (Chinese or ASCII commas), each inside the region.
 */
public record AreaForm(String name, String checkpoints) {
  static final String PREFIX = "patrol.area.error";
  static final int MAX_CHECKPOINTS = 30;

  /** The checked area, or the problems by field (message keys). */
  public record Checked(PatrolArea area, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Checked check(String stationId, RegionMap region) {
    Map<String, String> errors = new LinkedHashMap<>();
    String areaName = FormText.text(errors, PREFIX, "name", name, 2, 50);
    List<Checkpoint> points = new ArrayList<>();
    String text = checkpoints == null ? "" : checkpoints;
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("[,，]");
      if (parts.length != 3 || FormText.CONTROL.matcher(line).find()) {
        errors.put("checkpoints", PREFIX + ".checkpoints.line");
        break;
      }
      String pointName = parts[0].strip();
      GeoPoint place;
      try {
        place = new GeoPoint(Double.parseDouble(parts[1].strip()), Double.parseDouble(parts[2].strip()));
      } catch (IllegalArgumentException e) {
        errors.put("checkpoints", PREFIX + ".checkpoints.line");
        break;
      }
      if (pointName.isEmpty() || pointName.length() > 50) {
        errors.put("checkpoints", PREFIX + ".checkpoints.line");
        break;
      }
      if (region.areaOf(place).isEmpty()) {
        errors.put("checkpoints", PREFIX + ".checkpoints.outside");
        break;
      }
      points.add(new Checkpoint(pointName, place));
    }
    if (!errors.containsKey("checkpoints") && (points.isEmpty() || points.size() > MAX_CHECKPOINTS)) {
      errors.put("checkpoints", PREFIX + ".checkpoints.count");
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    String id = "area-" + UUID.randomUUID().toString().substring(0, 8);
    return new Checked(new PatrolArea(id, areaName, stationId, List.copyOf(points)), Map.of());
  }
}
