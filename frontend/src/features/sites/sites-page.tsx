import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import type { Site } from '../../services/sites-api';
import { useSession } from '../auth/session';
import { SiteForm, type SiteFields } from './site-form';
import { useAddSite, useChangeSite, useSites } from './use-sites';

const toBody = (fields: SiteFields) => ({ name: fields.name, address: fields.address.trim() || null, timezone: fields.timezone });

function SiteItem({ site, canEdit }: { site: Site; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const change = useChangeSite();
  return (
    <li className="card site">
      <h2>
        {site.name} {site.isDefault && <span className="badge badge-booked">Main</span>}
      </h2>
      <p>{site.address ?? <span className="muted">No address</span>}</p>
      <p className="muted">Times in {site.timezone}</p>
      {canEdit && !editing && (
        <button type="button" className="button-secondary" onClick={() => setEditing(true)} aria-label={`Edit ${site.name}`}>
          Edit
        </button>
      )}
      {editing && (
        <SiteForm
          label={`Edit ${site.name}`}
          initial={{ name: site.name, address: site.address ?? '', timezone: site.timezone }}
          zoneLocked={site.isDefault}
          submitLabel="Save site"
          pending={change.isPending}
          error={change.error}
          status=""
          onSubmit={(fields) => {
            const { timezone, ...rest } = toBody(fields);
            change.mutate({ id: site.id, changes: site.isDefault ? rest : { ...rest, timezone } }, { onSuccess: () => setEditing(false) });
          }}
        />
      )}
    </li>
  );
}

/** The places doctors work, each in its own zone; admins add and edit them, the desk reads them. */
export function SitesPage() {
  const { timezone } = useClinic();
  const { me } = useSession();
  const sites = useSites();
  const add = useAddSite();
  const [added, setAdded] = useState('');
  const [formKey, setFormKey] = useState(0);
  const canEdit = me.role === 'admin';

  return (
    <>
      <title>Sites · Clinic desk</title>
      <h1>Sites</h1>
      <p className="muted">A doctor’s rota names the site of each window; its hours are read in that site’s time zone.</p>
      {sites.isPending && <p className="muted">Loading sites…</p>}
      {sites.isError && <ErrorAlert title="The sites could not be loaded." error={sites.error} onRetry={() => void sites.refetch()} />}
      {sites.isSuccess && (
        <ul className="site-list">
          {sites.data.map((site) => (
            <SiteItem key={site.id} site={site} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {canEdit && (
        <section aria-labelledby="add-site-heading" className="card">
          <h2 id="add-site-heading">Add a site</h2>
          <SiteForm
            key={formKey}
            label="Add a site"
            initial={{ name: '', address: '', timezone }}
            zoneLocked={false}
            submitLabel="Add site"
            pending={add.isPending}
            error={add.error}
            status={added}
            onSubmit={(fields) =>
              add.mutate(toBody(fields), {
                onSuccess: (site) => {
                  setAdded(`Added: ${site.name}, times in ${site.timezone}.`);
                  setFormKey((n) => n + 1);
                },
              })
            }
          />
        </section>
      )}
    </>
  );
}
