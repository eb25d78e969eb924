package cn.relief.app.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The region's administrative divisions from the GeoJSON the pages draw ({@code relief.geo.map},
 * {@code static/geo/guangdong.geojson}): tells which division a reported place lies in, so that
 * a report reaches the right station and the analysis counts it by area.
 */
@Component
public class RegionMap {
  /** One division: its rings (outer boundaries and holes alike; even-odd filling decides). */
  private record Division(Area area, List<double[][]> rings, double[] box) {}

  private final List<Division> divisions;

  public RegionMap(@Value("${relief.geo.map:classpath:static/geo/guangdong.geojson}") String location, ObjectMapper json) {
    Resource resource = new DefaultResourceLoader().getResource(location);
    try (InputStream in = resource.getInputStream()) {
      divisions = read(json.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the region map " + location, e);
    }
    if (divisions.isEmpty()) {
      throw new IllegalStateException("The region map " + location + " has no divisions");
    }
  }

  /** The division the point lies in; empty outside the region. */
  public Optional<Area> areaOf(GeoPoint point) {
    for (Division division : divisions) {
      double[] box = division.box();
      if (point.longitude() < box[0] || point.longitude() > box[2] || point.latitude() < box[1]
          || point.latitude() > box[3]) {
        continue;
      }
      boolean inside = false;
      for (double[][] ring : division.rings()) {
        if (contains(ring, point.longitude(), point.latitude())) {
          inside = !inside;
        }
      }
      if (inside) {
        return Optional.of(division.area());
      }
    }
    return Optional.empty();
  }

  public List<Area> areas() {
    return divisions.stream().map(Division::area).toList();
  }

  /** Ray casting: a ray to the east crosses the ring's edges an odd number of times from inside. */
  private static boolean contains(double[][] ring, double x, double y) {
    boolean inside = false;
    for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      double xi = ring[i][0];
      double yi = ring[i][1];
      double xj = ring[j][0];
      double yj = ring[j][1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }

  private static List<Division> read(JsonNode collection) {
    List<Division> divisions = new ArrayList<>();
    for (JsonNode feature : collection.path("features")) {
      JsonNode properties = feature.path("properties");
      Area area = new Area(properties.path("code").asText(feature.path("id").asText()), properties.path("name").asText());
      JsonNode geometry = feature.path("geometry");
      List<double[][]> rings = new ArrayList<>();
      switch (geometry.path("type").asText()) {
        case "Polygon" -> geometry.path("coordinates").forEach(ring -> rings.add(ring(ring)));
        case "MultiPolygon" -> geometry.path("coordinates").forEach(polygon -> polygon.forEach(ring -> rings.add(ring(ring))));
        default -> throw new IllegalArgumentException("Expected Polygon or MultiPolygon for " + area.name()
            + ", but found " + geometry.path("type").asText());
      }
      double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (double[][] ring : rings) {
        for (double[] p : ring) {
          box[0] = Math.min(box[0], p[0]);
          box[1] = Math.min(box[1], p[1]);
          box[2] = Math.max(box[2], p[0]);
          box[3] = Math.max(box[3], p[1]);
        }
      }
      divisions.add(new Division(area, rings, box));
    }
    return divisions;
  }

  private static double[][] ring(JsonNode coordinates) {
    double[][] ring = new double[coordinates.size()][];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new double[] {coordinates.get(i).get(0).asDouble(), coordinates.get(i).get(1).asDouble()};
    }
    return ring;
  }
}
