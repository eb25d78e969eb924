// The region map of the public report page and the dispatch board: draws the divisions of a
// GeoJSON FeatureCollection as SVG (no tile server is reachable), lets a person pick a point and
// zoom, and shows markers. Projection: longitude scaled by the cosine of the region's middle
// latitude, which keeps shapes true enough at a province's size.
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const MAX_ZOOM = 512;

  function svg(name, attributes) {
    const element = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      element.setAttribute(key, value);
    }
    return element;
  }

  class RegionMap {
    /** Fetches the GeoJSON named by the container's data-map and draws it. */
    static async load(container, options) {
      const response = await fetch(container.dataset.map, { credentials: 'same-origin' });
      if (!response.ok) {
        throw new Error('region map ' + container.dataset.map + ': HTTP ' + response.status);
      }
      return new RegionMap(container, await response.json(), options || {});
    }

    constructor(container, geojson, options) {
      this.container = container;
      this.options = options;
      this.features = geojson.features;
      this.markers = [];
      this.pick = null;
      let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
      this.eachPoint((lon, lat) => {
        minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      });
      this.kx = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
      this.full = { x: minLon * this.kx, y: -maxLat, w: (maxLon - minLon) * this.kx, h: maxLat - minLat };
      this.zoom = 1;
      this.centre = { x: this.full.x + this.full.w / 2, y: this.full.y + this.full.h / 2 };
      this.draw();
    }

    eachPoint(visit) {
      for (const feature of this.features) {
        const g = feature.geometry;
        const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        for (const polygon of polygons) {
          for (const ring of polygon) {
            for (const [lon, lat] of ring) {
              visit(lon, lat);
            }
          }
        }
      }
    }

    project(lat, lon) {
      return { x: lon * this.kx, y: -lat };
    }

    unproject(x, y) {
      return { lat: -y, lon: x / this.kx };
    }

    draw() {
      this.svg = svg('svg', { role: 'img', preserveAspectRatio: 'xMidYMid meet' });
      this.areas = svg('g');
      for (const feature of this.features) {
        const g = feature.geometry;
        const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        let d = '';
        for (const polygon of polygons) {
          for (const ring of polygon) {
            d += ring.map(([lon, lat], i) => (i ? 'L' : 'M') + (lon * this.kx).toFixed(4) + ' ' + (-lat).toFixed(4)).join('') + 'Z';
          }
        }
        const path = svg('path', { d: d, class: 'area', 'fill-rule': 'evenodd', 'data-code': feature.properties.code });
        const title = svg('title');
        title.textContent = feature.properties.name;
        path.appendChild(title);
        this.areas.appendChild(path);
      }
      this.labels = svg('g');
      this.markerLayer = svg('g');
      this.svg.append(this.areas, this.labels, this.markerLayer);
      this.svg.addEventListener('click', event => this.clicked(event));
      this.container.appendChild(this.svg);
      const zoom = document.createElement('div');
      zoom.className = 'zoom';
      zoom.append(this.button('+', this.container.dataset.labelZoomIn, () => this.zoomBy(2)),
        this.button('−', this.container.dataset.labelZoomOut, () => this.zoomBy(0.5)));
      this.container.appendChild(zoom);
      this.view();
    }

    button(text, label, action) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text;
      if (label) {
        button.setAttribute('aria-label', label);
        button.title = label;
      }
      button.addEventListener('click', event => { event.stopPropagation(); action(); });
      return button;
    }

    /** The view box around the centre at the zoom; labels and markers keep their size on screen. */
    view() {
      const w = this.full.w / this.zoom;
      const h = this.full.h / this.zoom;
      this.box = { x: this.centre.x - w / 2, y: this.centre.y - h / 2, w: w, h: h };
      this.svg.setAttribute('viewBox', [this.box.x, this.box.y, w, h].map(n => n.toFixed(5)).join(' '));
      this.unit = Math.max(w, h) / 100;
      this.labels.replaceChildren();
      for (const feature of this.features) {
        const [lon, lat] = feature.properties.centre;
        const p = this.project(lat, lon);
        const text = svg('text', { x: p.x, y: p.y, class: 'area-label', 'text-anchor': 'middle', 'font-size': (this.unit * 2.6).toFixed(5) });
        text.textContent = feature.properties.name;
        this.labels.appendChild(text);
      }
      this.drawMarkers();
    }

    zoomBy(factor) {
      this.zoom = Math.min(MAX_ZOOM, Math.max(1, this.zoom * factor));
      this.view();
    }

    zoomTo(lat, lon, zoom) {
      this.centre = this.project(lat, lon);
      this.zoom = Math.min(MAX_ZOOM, Math.max(1, zoom));
      this.view();
    }

    clicked(event) {
      if (!this.options.onPick) {
        return;
      }
      const point = this.svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const p = point.matrixTransform(this.svg.getScreenCTM().inverse());
      const { lat, lon } = this.unproject(p.x, p.y);
      this.centre = { x: p.x, y: p.y };
      this.setPick(lat, lon);
      this.view();
      this.options.onPick(lat, lon);
    }

    setPick(lat, lon) {
      this.pick = { lat: lat, lon: lon };
      this.drawMarkers();
    }

    /** Markers: [{lat, lon, kind, label, id}]; kind names a CSS class, a click calls options.onMarker. */
    setMarkers(markers) {
      this.markers = markers;
      this.drawMarkers();
    }

    drawMarkers() {
      if (!this.markerLayer) {
        return;
      }
      this.markerLayer.replaceChildren();
      for (const marker of this.markers) {
        const p = this.project(marker.lat, marker.lon);
        const circle = svg('circle', { cx: p.x, cy: p.y, r: (this.unit * 1.4).toFixed(5), class: 'marker ' + marker.kind, 'data-id': marker.id });
        const title = svg('title');
        title.textContent = marker.label;
        circle.appendChild(title);
        if (this.options.onMarker) {
          circle.addEventListener('click', event => { event.stopPropagation(); this.options.onMarker(marker); });
        }
        this.markerLayer.appendChild(circle);
      }
      if (this.pick) {
        const p = this.project(this.pick.lat, this.pick.lon);
        this.markerLayer.appendChild(svg('circle', { cx: p.x, cy: p.y, r: (this.unit * 1.6).toFixed(5), class: 'pick' }));
      }
    }
  }

  window.RegionMap = RegionMap;
})();
