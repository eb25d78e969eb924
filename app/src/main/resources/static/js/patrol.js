// The patrol team's phone page: shares the phone's position with the dispatch board while the
// page is open (every 30 s at most), after the member asked for it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', () => {
    // a person found is placed where the phone is when the member records them (if the phone says)
    document.querySelectorAll('form.finding').forEach(form => {
      form.addEventListener('submit', event => {
        const latitude = form.querySelector('.finding-latitude');
        if (latitude.value || !navigator.geolocation || form.dataset.located) {
          return;
        }
        event.preventDefault();
        const submit = () => { form.dataset.located = 'yes'; form.requestSubmit(); };
        navigator.geolocation.getCurrentPosition(position => {
          latitude.value = position.coords.latitude;
          form.querySelector('.finding-longitude').value = position.coords.longitude;
          submit();
        }, submit, { enableHighAccuracy: true, timeout: 5000, maximumAge: 60000 });
      });
    });

    const button = document.getElementById('share-position');
    if (!button) {
      return;
    }
    const status = document.getElementById('share-status');
    const token = document.querySelector('meta[name=_csrf]').content;
    const header = document.querySelector('meta[name=_csrf_header]').content;
    let last = 0;

    async function send(position) {
      const now = Date.now();
      if (now - last < 30000 && last !== 0) {
        return;
      }
      last = now;
      const response = await fetch(button.dataset.url, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', [header]: token },
        body: JSON.stringify({ latitude: position.coords.latitude, longitude: position.coords.longitude })
      });
      status.textContent = response.ok ? status.dataset.sharing + ' ' + new Date().toLocaleTimeString() : 'HTTP ' + response.status;
    }

    const checkIn = document.getElementById('check-in');
    checkIn.addEventListener('click', () => {
      const checkInStatus = document.getElementById('checkin-status');
      if (!navigator.geolocation) {
        checkInStatus.textContent = status.dataset.unsupported;
        return;
      }
      navigator.geolocation.getCurrentPosition(async position => {
        const response = await fetch(checkIn.dataset.url, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', [header]: token },
          body: JSON.stringify({ latitude: position.coords.latitude, longitude: position.coords.longitude,
            note: document.getElementById('checkin-note').value })
        });
        checkInStatus.textContent = response.ok ? checkInStatus.dataset.done : 'HTTP ' + response.status;
        if (response.ok) {
          window.location.reload();
        }
      }, () => { checkInStatus.textContent = status.dataset.denied; }, { enableHighAccuracy: true, timeout: 20000 });
    });

    button.addEventListener('click', () => {
      if (!navigator.geolocation) {
        status.textContent = status.dataset.unsupported;
        return;
      }
      navigator.geolocation.watchPosition(send, () => { status.textContent = status.dataset.denied; },
        { enableHighAccuracy: true, maximumAge: 30000, timeout: 20000 });
    });
  });
})();
