// The public report page: the place is picked on the region map or taken from the phone's
// location, and kept in the hidden latitude/longitude fields (also after a refused submit).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', async () => {
    const container = document.getElementById('report-map');
    const latitude = document.getElementById('latitude');
    const longitude = document.getElementById('longitude');
    const picked = document.getElementById('report-picked');
    const status = document.getElementById('report-locate-status');
    let map;

    // a photo over the limit is refused before it is sent: the phone need not upload it in vain
    const photo = document.querySelector('input[name=photo]');
    if (photo) {
      photo.addEventListener('change', () => {
        const file = photo.files && photo.files[0];
        photo.setCustomValidity(file && file.size > Number(photo.dataset.maxBytes) ? photo.dataset.tooLarge : '');
        photo.reportValidity();
      });
    }

    function show(lat, lon) {
      latitude.value = lat.toFixed(6);
      longitude.value = lon.toFixed(6);
      picked.textContent = picked.dataset.template.replace('{0}', lat.toFixed(5)).replace('{1}', lon.toFixed(5));
    }

    try {
      map = await window.RegionMap.load(container, { onPick: show });
    } catch (e) {
      container.textContent = e.message;
    }
    if (latitude.value && longitude.value) {
      const lat = parseFloat(latitude.value);
      const lon = parseFloat(longitude.value);
      show(lat, lon);
      if (map) {
        map.setPick(lat, lon);
        map.zoomTo(lat, lon, 16);
      }
    }

    document.getElementById('report-locate').addEventListener('click', () => {
      if (!navigator.geolocation) {
        status.textContent = status.dataset.unsupported;
        return;
      }
      navigator.geolocation.getCurrentPosition(position => {
        const lat = position.coords.latitude;
        const lon = position.coords.longitude;
        status.textContent = '';
        show(lat, lon);
        if (map) {
          map.setPick(lat, lon);
          map.zoomTo(lat, lon, 64);
        }
      }, () => { status.textContent = status.dataset.denied; }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();
