package cn.relief.app.geo;

/** An administrative division of the region map: its division code (e.g. 440100) and name (广州市). */
public record Area(String code, String name) {}
