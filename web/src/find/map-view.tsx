import 'leaflet/dist/leaflet.css';
import { divIcon, map as leafletMap, marker, tileLayer, type Map as LeafletMap } from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../shared/i18n';
import type { SearchHit } from './queries';

/**
 * The results on a map (Leaflet, in its own chunk: Find's first load does not carry it), from the
 * tile server the gateway names. Each result is a dot whose popup links to the listing; the dots are
 * buttons named after their listing, so Tab reaches them and Enter opens the popup. When the tiles
 * do not load, `onFail` sends the reader back to the list.
 */
export function MapView({
  hits,
  tileUrl,
  attribution,
  onFail,
}: {
  hits: SearchHit[];
  tileUrl: string;
  attribution: string | null;
  onFail: () => void;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const points = hits.flatMap(({ resource, location }) =>
      location?.latitude != null && location.longitude != null
        ? [{ resource, location, at: [location.latitude, location.longitude] as [number, number] }]
        : [],
    );
    const map: LeafletMap = leafletMap(box.current, { zoomControl: true });
    let loaded = 0;
    tileLayer(tileUrl, { attribution: attribution ?? undefined, maxZoom: 19 })
      .on('tileload', () => (loaded += 1))
      .on('tileerror', () => {
        if (loaded === 0) onFail();
      })
      .addTo(map);
    for (const { resource, location, at } of points) {
      const link = document.createElement('a');
      link.href = `/listing/${encodeURIComponent(resource.id)}?location=${encodeURIComponent(location.id)}`;
      link.textContent = resource.name;
      const name = document.createElement('span');
      name.className = 'visually-hidden';
      name.textContent = resource.name;
      const icon = divIcon({ className: 'map-dot', html: name, iconSize: [24, 24] });
      marker(at, { icon, keyboard: true, title: resource.name }).bindPopup(link).addTo(map);
    }
    if (points.length > 0)
      map.fitBounds(
        points.map((p) => p.at),
        { padding: [24, 24], maxZoom: 15 },
      );
    else map.setView([37.8, -122.27], 11);
    return () => void map.remove();
  }, [hits, tileUrl]);
  return <div ref={box} class="map" role="region" aria-label={t('mapLabel')} />;
}
