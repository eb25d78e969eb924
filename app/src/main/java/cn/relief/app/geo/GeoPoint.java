package cn.relief.app.geo;

/** A place on the earth in WGS-84 degrees, as browsers' geolocation and the region map give it. */
public record GeoPoint(double latitude, double longitude) {
  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("Expected latitude in [-90, 90] and longitude in [-180, 180], but found "
          + latitude + ", " + longitude);
    }
  }

  /** Great-circle distance (haversine): the dispatch board's "nearest" and the reports' "near the same place". */
  public double metresTo(GeoPoint other) {
    double lat1 = Math.toRadians(latitude);
    double lat2 = Math.toRadians(other.latitude);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(other.longitude - longitude);
    double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
