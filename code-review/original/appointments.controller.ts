import { Router, Request, Response } from 'express';
import { Appointment } from './models/appointment';
import { Patient } from './models/patient';

const router = Router();

const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;
const SLOT_MINUTES = 30;

// Clinic is open 09:00-17:00
function isWithinWorkingHours(start: Date, end: Date): boolean {
  return start.getHours() >= OPEN_HOUR && end.getHours() <= CLOSE_HOUR;
}

async function hasConflict(doctorId: string, start: Date, end: Date): Promise<boolean> {
  const existing = await Appointment.findOne({
    doctorId,
    status: { $ne: 'CANCELLED' },
    start: { $lte: end },
    end: { $gte: start },
  });
  return existing !== null;
}

// Book an appointment
router.post('/appointments', async (req: Request, res: Response) => {
  try {
    const { doctorId, patientId } = req.body;
    if (!doctorId || !patientId || !req.body.start) {
      return res.status(400).json({ error: 'doctorId, patientId and start are required' });
    }

    const start = new Date(req.body.start);
    const end = req.body.end
      ? new Date(req.body.end)
      : new Date(start.getTime() + SLOT_MINUTES * 60 * 1000);

    if (!isWithinWorkingHours(start, end)) {
      return res.status(400).json({ error: 'Outside working hours' });
    }

    if (await hasConflict(doctorId, start, end)) {
      return res.status(409).json({ error: 'This slot is already booked' });
    }

    const patient = await Patient.findById(patientId);
    const appointment = await Appointment.create({ ...req.body, start, end });

    console.log(
      `Booked ${appointment._id} for ${patient?.name} <${patient?.email}> tel ${patient?.phone} at ${start}`,
    );
    return res.status(201).json(appointment);
  } catch (err: any) {
    console.error(err);
    return res.status(500).json({ error: err.message, stack: err.stack });
  }
});

// List appointments, optionally for one doctor and one day (?date=2026-03-02)
router.get('/appointments', async (req: Request, res: Response) => {
  try {
    const filter: any = {};
    if (req.query.doctorId) filter.doctorId = req.query.doctorId;
    if (req.query.date) {
      const day = new Date(req.query.date as string);
      const next = new Date(day);
      next.setDate(day.getDate() + 1);
      filter.start = { $gte: day, $lt: next };
    }

    const appointments = await Appointment.find(filter).sort({ start: 1 });

    const result = [];
    for (const a of appointments) {
      const patient = await Patient.findById(a.patientId);
      result.push({
        ...a.toObject(),
        patientName: patient?.name,
        patientEmail: patient?.email,
        patientPhone: patient?.phone,
      });
    }
    return res.json(result);
  } catch (err: any) {
    return res.status(500).json({ error: err.message, stack: err.stack });
  }
});

// Reschedule or edit an appointment
router.put('/appointments/:id', async (req: Request, res: Response) => {
  try {
    const updated = await Appointment.findByIdAndUpdate(req.params.id, req.body, { new: true });
    if (!updated) return res.status(404).json({ error: 'Appointment not found' });
    return res.json(updated);
  } catch (err: any) {
    return res.status(500).json({ error: err.message, stack: err.stack });
  }
});

// Cancel an appointment
router.post('/appointments/:id/cancel', async (req: Request, res: Response) => {
  try {
    const appointment = await Appointment.findById(req.params.id);
    if (!appointment) return res.status(404).json({ error: 'Appointment not found' });

    if (appointment.status === 'CANCELLED') {
      throw new Error(`Appointment ${appointment._id} is already cancelled`);
    }

    appointment.status = 'CANCELLED';
    await appointment.save();
    console.log(`Cancelled ${appointment._id}`, req.body);
    return res.json(appointment);
  } catch (err: any) {
    return res.status(500).json({ error: err.message, stack: err.stack });
  }
});

// Remove an appointment (used by the front desk "remove" button)
router.delete('/appointments/:id', async (req: Request, res: Response) => {
  await Appointment.findByIdAndDelete(req.params.id);
  return res.status(204).send();
});

export default router;
