#!/usr/bin/env python3
"""Turns a map file of the npm package echarts@4.9.0 (map/json/..., Apache-2.0) into plain GeoJSON.

echarts 4 stores its maps quantized: each ring is a string of character pairs, zig-zag and delta
encoded from the ring's encodeOffsets, scaled by 1024. This decodes them into longitude/latitude
pairs (4 decimals, about 10 m: the source is quantized to 1/1024 degree anyway) and keeps each feature's division code (id), name and centre point (cp).

Used once to make app/src/main/resources/static/geo/guangdong.geojson:
  npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz
  python3 ops/echarts-map-to-geojson.py package/map/json/province/guangdong.json > guangdong.geojson
"""
import json
import sys

SCALE = 1024.0


def decode_ring(text, offsets):
    x_prev, y_prev = offsets
    ring = []
    for i in range(0, len(text), 2):
        x = ord(text[i]) - 64
        y = ord(text[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        x += x_prev
        y += y_prev
        x_prev, y_prev = x, y
        ring.append([round(x / SCALE, 4), round(y / SCALE, 4)])
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])  # GeoJSON rings are closed
    return ring


def decode_geometry(geometry):
    kind = geometry["type"]
    coordinates = geometry["coordinates"]
    offsets = geometry["encodeOffsets"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [decode_ring(r, o) for r, o in zip(coordinates, offsets)]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[decode_ring(r, o) for r, o in zip(polygon, polygon_offsets)]
                                              for polygon, polygon_offsets in zip(coordinates, offsets)]}
    raise ValueError("unexpected geometry " + kind)


def main(path):
    with open(path, encoding="utf-8") as source:
        data = json.load(source)
    if not data.get("UTF8Encoding"):
        raise ValueError(path + " is not an echarts-encoded map")
    features = [{"type": "Feature", "id": f["id"],
                 "properties": {"code": f["id"], "name": f["properties"]["name"], "centre": f["properties"]["cp"]},
                 "geometry": decode_geometry(f["geometry"])} for f in data["features"]]
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
