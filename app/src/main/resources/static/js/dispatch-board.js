// The dispatch board's map: reports and teams as markers (from /dispatch/board.json); a click on a
// report's marker brings its card into view.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', async () => {
    const container = document.getElementById('dispatch-map');
    const response = await fetch(container.dataset.markers, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return;
    }
    const data = await response.json();
    const map = await window.RegionMap.load(container, {
      onMarker: marker => {
        const card = document.getElementById('report-' + marker.id);
        if (card) {
          document.querySelectorAll('.report.selected').forEach(c => c.classList.remove('selected'));
          card.classList.add('selected');
          card.scrollIntoView({ behavior: 'smooth', block: 'center' });
        }
      }
    });
    const markers = data.teams.concat(data.reports);
    map.setMarkers(markers);
    if (data.reports.length > 0) {
      // zoom to the reports' area
      const lat = data.reports.reduce((s, r) => s + r.lat, 0) / data.reports.length;
      const lon = data.reports.reduce((s, r) => s + r.lon, 0) / data.reports.length;
      map.zoomTo(lat, lon, 8);
    }
  });
})();
