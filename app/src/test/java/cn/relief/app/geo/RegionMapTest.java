package cn.relief.app.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RegionMapTest {
  private static final RegionMap GUANGDONG = new RegionMap("classpath:static/geo/guangdong.geojson", new ObjectMapper());

  @Test
  void placesFallInTheirCities() {
    assertThat(GUANGDONG.areas()).hasSize(21);
    // Tianhe Park, Guangzhou; Shenzhen's Futian; Shantou; Zhanjiang
    assertThat(GUANGDONG.areaOf(new GeoPoint(23.1255, 113.3650))).contains(new Area("440100", "广州市"));
    assertThat(GUANGDONG.areaOf(new GeoPoint(22.5410, 114.0550))).contains(new Area("440300", "深圳市"));
    assertThat(GUANGDONG.areaOf(new GeoPoint(23.3540, 116.6820))).map(Area::name).contains("汕头市");
    assertThat(GUANGDONG.areaOf(new GeoPoint(21.2700, 110.3590))).map(Area::name).contains("湛江市");
  }

  @Test
  void placesOutsideTheRegionHaveNoArea() {
    assertThat(GUANGDONG.areaOf(new GeoPoint(39.9042, 116.4074))).as("Beijing").isEmpty();
    assertThat(GUANGDONG.areaOf(new GeoPoint(22.3193, 114.1694))).as("Hong Kong, not a division of this map").isEmpty();
    assertThat(GUANGDONG.areaOf(new GeoPoint(20.0, 114.0))).as("the South China Sea").isEmpty();
  }

  @Test
  void distancesAreGreatCircleMetres() {
    // Guangzhou to Shenzhen city centres: about 104 km
    double metres = new GeoPoint(23.1291, 113.2644).metresTo(new GeoPoint(22.5431, 114.0579));
    assertThat(metres).isBetween(100_000.0, 108_000.0);
    assertThat(new GeoPoint(23.1, 113.3).metresTo(new GeoPoint(23.1, 113.3))).isZero();
    // 0.001 degree of latitude is about 111 m
    assertThat(new GeoPoint(23.100, 113.3).metresTo(new GeoPoint(23.101, 113.3))).isBetween(110.0, 112.0);
  }

  @Test
  void impossibleCoordinatesAreRefused() {
    assertThatThrownBy(() -> new GeoPoint(91, 0)).hasMessageContaining("latitude");
    assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).hasMessageContaining("longitude");
  }
}
